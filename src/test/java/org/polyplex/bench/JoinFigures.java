package org.polyplex.bench;

import java.util.Arrays;
import java.util.List;

import org.polyplex.proxy.ts.TsPacket;

/**
 * What joining viewers saw: time to the first byte and to the first keyframe byte (p50, p99, in
 * ms), and how many started on a keyframe. Each viewer must have kept its first bytes.
 */
record JoinFigures(double firstByteP50, double firstByteP99, double keyframeP50, double keyframeP99,
        int keyframeFirst, int viewers) {

    static JoinFigures of(List<LoadClient.Viewer> joined) {
        int n = joined.size();
        double[] firstByte = new double[n];
        double[] keyframe = new double[n];
        int keyframeFirst = 0;
        for (int i = 0; i < n; i++) {
            LoadClient.Viewer v = joined.get(i);
            firstByte[i] = (v.firstByteNanos - v.startNanos) / 1e6;
            byte[] head = v.head.getBytes();
            int at = firstVideoPacket(head);
            if (at >= 0 && TsPacket.isKeyframe(head, at, TsPacket.Video.H264)) {
                keyframeFirst++;
            } else {
                System.out.println("viewer " + i + " did not start on a keyframe (video at " + at + "):" + start(head));
            }
            long needed = at + 188L;
            keyframe[i] = v.arrivals.stream().filter(a -> a[0] >= needed).findFirst()
                    .map(a -> (a[1] - v.startNanos) / 1e6).orElse(Double.NaN);
        }
        Arrays.sort(firstByte);
        Arrays.sort(keyframe);
        int p99 = (int) (n * 0.99);
        return new JoinFigures(firstByte[n / 2], firstByte[p99], keyframe[n / 2], keyframe[p99], keyframeFirst, n);
    }

    /** The first packets' headers, to show what a viewer got instead of a keyframe. */
    private static String start(byte[] head) {
        StringBuilder first = new StringBuilder();
        for (int p = 0; p < 6 * 188 && p + 188 <= head.length; p += 188) {
            first.append(String.format(" pid=0x%x pusi=%s hdr=%02x%02x", TsPacket.pid(head, p),
                    TsPacket.payloadStart(head, p), head[p + 3], head[p + 4]));
        }
        return first.toString();
    }

    /** Offset of the first packet of the video PID with a payload start, from the PAT and PMT. */
    private static int firstVideoPacket(byte[] ts) {
        int pmtPid = TsPacket.pmtPidOf(ts, 0);
        int videoPid = -1;
        for (int p = 0; p + 188 <= ts.length; p += 188) {
            int pid = TsPacket.pid(ts, p);
            if (pid == pmtPid && videoPid < 0) {
                videoPid = 0x100; // ffmpeg's first elementary PID; the PMT lists it first
            } else if (pid == videoPid && TsPacket.payloadStart(ts, p)) {
                return p;
            }
        }
        return -1;
    }
}

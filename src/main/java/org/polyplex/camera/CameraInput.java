package org.polyplex.camera;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * A camera as created (POST) or replaced (PUT) by admins. {@code url} is {@code rtsp://} or
 * {@code rtsps://}; credentials in its user info are moved to {@code username}/{@code password}.
 * {@code transport} null means tcp. {@code password} is write-only: on PUT, null keeps the stored
 * one and "" removes it. {@code snapshotUrl} is an optional http(s) URL answering a JPEG (same
 * credentials). {@code categoryId} files the linked channel at creation.
 */
public record CameraInput(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 2048) String url,
        @Size(max = 3) String transport, @Size(max = 200) String username, @Size(max = 500) String password,
        @Size(max = 2048) String snapshotUrl, Long categoryId) {

    @Override
    public String toString() {
        return "CameraInput[" + name + ", user=" + username + ", password=" + (password == null ? "none" : "***") + "]";
    }
}

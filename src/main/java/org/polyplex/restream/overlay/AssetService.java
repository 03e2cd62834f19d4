package org.polyplex.restream.overlay;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.polyplex.platform.web.ApiException;
import org.polyplex.restream.config.RestreamConfig;
import org.polyplex.restream.ffmpeg.OverlayDraw;
import org.polyplex.restream.model.Asset;
import org.polyplex.restream.model.Overlay;

import io.quarkus.panache.common.Sort;

/**
 * PNG assets of image overlays: checked by their signature and IHDR header (a PNG, at most 4096 px
 * a side, at most {@code asset-max-bytes}), stored as {@code <asset-dir>/<id>.png} (written to a
 * temporary file and renamed). One used by an overlay cannot be deleted. Blocking: worker threads.
 */
@ApplicationScoped
public class AssetService {

    private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
    private static final int MAX_SIDE = 4096;

    private final RestreamConfig.Overlay config;
    private final Path dir;
    private final Clock clock;

    AssetService(RestreamConfig config, Clock clock) {
        this.config = config.overlay();
        this.dir = Path.of(this.config.assetDir()).toAbsolutePath().normalize();
        OverlayDraw.requireSafe(dir.toString());
        this.clock = clock;
    }

    /** Where an asset's bytes are (a path safe for a filter graph). */
    public Path file(long id) {
        return dir.resolve(id + ".png");
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Asset> list() {
        return Asset.listAll(Sort.by("id"));
    }

    @Transactional
    public Asset create(String name, byte[] png) {
        if (png.length > config.assetMaxBytes()) {
            throw new ApiException(413, "too_large", "an asset is at most " + config.assetMaxBytes()
                    + " bytes (polyplex.restream.overlay.asset-max-bytes)", null);
        }
        if (png.length < 33 || !Arrays.equals(Arrays.copyOf(png, 8), PNG)
                || !"IHDR".equals(new String(png, 12, 4, java.nio.charset.StandardCharsets.US_ASCII))) {
            throw new ApiException(415, "unsupported_media_type", "an asset must be a PNG file", null);
        }
        ByteBuffer header = ByteBuffer.wrap(png, 16, 8);
        int width = header.getInt();
        int height = header.getInt();
        if (width < 1 || height < 1 || width > MAX_SIDE || height > MAX_SIDE) {
            throw ApiException.invalid("png", "at most " + MAX_SIDE + " pixels a side");
        }
        if (Asset.count() >= config.maxAssets()) {
            throw ApiException.conflict("id", "at most " + config.maxAssets()
                    + " assets (polyplex.restream.overlay.max-assets)");
        }
        Asset a = new Asset();
        a.name = name == null || name.isBlank() ? "asset" : name.strip().substring(0, Math.min(200, name.strip().length()));
        a.sizeBytes = png.length;
        a.width = width;
        a.height = height;
        a.createdAt = clock.instant();
        a.persist();
        Asset.flush();
        Path target = file(a.id);
        try {
            Files.createDirectories(dir);
            Path tmp = dir.resolve(a.id + ".png.tmp");
            Files.write(tmp, png);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot store asset " + a.id, e);
        }
        return a;
    }

    /** Deletes it; a 409 while an overlay uses it. */
    @Transactional
    public void delete(long id) {
        Asset a = Asset.require(id);
        if (Overlay.count("assetId", id) > 0) {
            throw ApiException.conflict("id", "asset " + id + " is used by an overlay");
        }
        a.delete();
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete asset " + id, e);
        }
    }
}

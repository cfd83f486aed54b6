package dev.ironcliw.daemon.scenario;

import dev.ironcliw.ring.Rect;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * The ground truth for returns, from the recording alone: for each frame, the tiles outside the
 * ambient areas whose content (colour bits the eye can see) had never been shown at that place in
 * any earlier frame. A frame the timeline calls a return but that has such tiles did not return to
 * anything: the programs drew something new (a different redraw), and no dedup can call it a
 * REVISIT.
 */
public final class RecordedTileHistory {
  private static final int VISIBLE_BITS = 0xFCFCFC;

  private final Map<String, List<Rect>> unseenByFile = new HashMap<>();

  private RecordedTileHistory() {}

  /**
   * Reads every {@code NNNNN-LABEL.png} of {@code shots} in order, on a grid of {@code tile}.
   *
   * @param ambient areas that change on their own (the clock, the blinking terminal): tiles that
   *     touch them are not looked at, since new content there is noise, not part of a return
   */
  public static RecordedTileHistory of(Path shots, int tile, List<Rect> ambient)
      throws IOException {
    RecordedTileHistory history = new RecordedTileHistory();
    List<Path> files;
    try (var list = Files.list(shots)) {
      files = list.sorted().toList();
    }
    Map<Integer, Set<Long>> seen = new HashMap<>();
    for (Path file : files) {
      BufferedImage image = ImageIO.read(file.toFile());
      int tilesX = Math.ceilDiv(image.getWidth(), tile);
      int tilesY = Math.ceilDiv(image.getHeight(), tile);
      List<Rect> unseen = new ArrayList<>();
      for (int ty = 0; ty < tilesY; ty++) {
        for (int tx = 0; tx < tilesX; tx++) {
          Rect r =
              new Rect(
                  tx * tile,
                  ty * tile,
                  Math.min(tile, image.getWidth() - tx * tile),
                  Math.min(tile, image.getHeight() - ty * tile));
          if (ambient.stream().anyMatch(a -> a.intersect(r) != null)) {
            continue;
          }
          Set<Long> contents = seen.computeIfAbsent(ty * tilesX + tx, t -> new HashSet<>());
          if (contents.add(contentOf(image, r)) && contents.size() > 1) {
            unseen.add(r);
          }
        }
      }
      history.unseenByFile.put(file.getFileName().toString(), List.copyOf(unseen));
    }
    return history;
  }

  /**
   * Tiles of the frame in {@code fileName} never shown there before it; the first frame, which has
   * nothing before it, has none.
   */
  public List<Rect> unseenTiles(String fileName) {
    List<Rect> unseen = unseenByFile.get(fileName);
    if (unseen == null) {
      throw new IllegalArgumentException("no recorded frame " + fileName);
    }
    return unseen;
  }

  /** A 64-bit hash of the tile's visible colour bits (FNV-1a over the masked pixels). */
  private static long contentOf(BufferedImage image, Rect r) {
    long hash = 0xCBF29CE484222325L;
    for (int y = r.y(); y < r.y() + r.height(); y++) {
      for (int x = r.x(); x < r.x() + r.width(); x++) {
        hash = (hash ^ (image.getRGB(x, y) & VISIBLE_BITS)) * 0x100000001B3L;
      }
    }
    return hash;
  }
}

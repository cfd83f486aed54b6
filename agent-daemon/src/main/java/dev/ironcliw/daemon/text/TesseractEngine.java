package dev.ironcliw.daemon.text;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import dev.ironcliw.daemon.journal.record.TextLine;
import dev.ironcliw.daemon.journal.record.TextWord;
import dev.ironcliw.ring.Rect;
import java.nio.ByteBuffer;
import java.nio.IntBuffer;
import java.util.ArrayList;
import java.util.List;
import net.sourceforge.tess4j.ITessAPI.TessBaseAPI;
import net.sourceforge.tess4j.ITessAPI.TessPageIterator;
import net.sourceforge.tess4j.ITessAPI.TessPageIteratorLevel;
import net.sourceforge.tess4j.ITessAPI.TessPageSegMode;
import net.sourceforge.tess4j.ITessAPI.TessResultIterator;
import net.sourceforge.tess4j.TessAPI;

/**
 * Tesseract through Tess4J's JNA mapping of its C API, loaded from the system's {@code
 * libtesseract} (Debian: {@code tesseract-ocr}; Homebrew: {@code tesseract}) with the system's
 * language data.
 */
public final class TesseractEngine implements TextEngine {
  /**
   * The longest one read may take; what is not recognized by then is left out. A close waits for
   * the read in hand, so this bounds the wait too.
   */
  static final int MAX_READ_MILLIS = 20_000;

  /** The resolution Tesseract is told a prepared image has, per step of scale. */
  private static final int SCREEN_PPI = 96;

  /**
   * The C library's setenv, to limit Tesseract's OpenMP threads before it loads, and glibc's
   * malloc_trim, to give back what a read freed.
   */
  private interface CLibrary extends com.sun.jna.Library {
    int setenv(String name, String value, int overwrite);

    int malloc_trim(long pad);
  }

  /**
   * Tesseract's progress monitor by its address: Tess4J maps it as a structure of Tesseract 4's
   * layout, which Tesseract 5's is not, and JNA would write that layout over it.
   */
  private interface Monitors extends com.sun.jna.Library {
    Pointer TessMonitorCreate();

    void TessMonitorSetDeadlineMSecs(Pointer monitor, int deadline);

    void TessMonitorSetCancelFunc(Pointer monitor, CancelFunc cancel);

    void TessMonitorDelete(Pointer monitor);

    int TessBaseAPIRecognize(TessBaseAPI handle, Pointer monitor);
  }

  /** Asked by Tesseract after each word it recognizes: whether to stop. */
  public interface CancelFunc extends com.sun.jna.Callback {
    boolean invoke(Pointer cancelThis, int words);
  }

  private final TessAPI api;
  private final Monitors monitors;
  private volatile boolean cancelled;

  /** Held here: a callback JNA no longer sees referenced may be collected while Tesseract runs. */
  private final CancelFunc cancelFunc = (cancelThis, words) -> cancelled;

  private final TessBaseAPI handle;
  private final String description;

  /** glibc, to trim after each read; null where there is none (macOS) or it has no trim. */
  private CLibrary trimmer = loadC();

  /** The image handed to Tesseract, grown to the largest read so far; the reading thread's. */
  private ByteBuffer pixels = ByteBuffer.allocateDirect(0);

  private TesseractEngine(TessAPI api, Monitors monitors, TessBaseAPI handle, String description) {
    this.api = api;
    this.monitors = monitors;
    this.handle = handle;
    this.description = description;
  }

  /**
   * Loads the library and the language data of {@code languages} ({@code eng}, {@code
   * eng+chi_sim}).
   *
   * @throws TextEngineUnavailableException naming what is missing and how to install it
   */
  public static TesseractEngine open(String languages) {
    TessAPI api;
    Monitors monitors;
    String version;
    try {
      oneOpenMpThread();
      // Loaded directly: Tess4J's own loader unpacks bundled Windows libraries into the temp dir.
      api = Native.load("tesseract", TessAPI.class);
      monitors = Native.load("tesseract", Monitors.class);
      version = api.TessVersion();
    } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
      throw new TextEngineUnavailableException(
          "the Tesseract library is not installed (Debian: apt install tesseract-ocr"
              + " tesseract-ocr-eng; macOS: brew install tesseract): "
              + e.getMessage());
    }
    TessBaseAPI handle = api.TessBaseAPICreate();
    if (api.TessBaseAPIInit3(handle, null, languages) != 0) {
      api.TessBaseAPIDelete(handle);
      throw new TextEngineUnavailableException(
          "Tesseract "
              + version
              + " has no language data for '"
              + languages
              + "' (Debian: apt install tesseract-ocr-LANG for each language)");
    }
    api.TessBaseAPISetPageSegMode(handle, TessPageSegMode.PSM_AUTO);
    return new TesseractEngine(
        api, monitors, handle, "tesseract " + version + " (" + languages + ")");
  }

  /**
   * Tesseract reads with as many OpenMP threads as there are cores; held to one, its CPU time is
   * the reading thread's, which the CPU budget measures, and it never takes every core. Set before
   * the library (and libgomp with it) loads, unless the user set it.
   */
  private static void oneOpenMpThread() {
    if (System.getenv("OMP_THREAD_LIMIT") != null) {
      return;
    }
    try {
      Native.load(com.sun.jna.Platform.C_LIBRARY_NAME, CLibrary.class)
          .setenv("OMP_THREAD_LIMIT", "1", 0);
    } catch (UnsatisfiedLinkError e) {
      // no C library by that name: Tesseract then uses its default
    }
  }

  private static CLibrary loadC() {
    try {
      return com.sun.jna.Platform.isLinux()
          ? Native.load(com.sun.jna.Platform.C_LIBRARY_NAME, CLibrary.class)
          : null;
    } catch (UnsatisfiedLinkError e) {
      return null;
    }
  }

  /**
   * What a read allocated and freed stays in glibc's arenas, resident, at the high-water mark of
   * the largest read. Trimmed after each read (about 4 ms, against reads of 100 ms and more), a
   * process reading 120 text images of up to 900x600 held 141 MiB of anonymous memory, against 165
   * MiB untrimmed.
   */
  private void giveBackFreedMemory() {
    if (trimmer == null) {
      return;
    }
    try {
      trimmer.malloc_trim(0);
    } catch (UnsatisfiedLinkError e) {
      trimmer = null; // a C library without malloc_trim (musl)
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public List<TextLine> read(GreyImage image) {
    if (pixels.capacity() < image.pixels().length) {
      // Kept and reused: a direct buffer a read would be freed only by a later GC, and reads
      // while the heap is quiet would pile them up off the heap.
      pixels = ByteBuffer.allocateDirect(image.pixels().length);
    }
    pixels.clear();
    pixels.put(image.pixels()).flip();
    api.TessBaseAPISetImage(handle, pixels, image.width(), image.height(), 1, image.width());
    api.TessBaseAPISetSourceResolution(handle, SCREEN_PPI * image.scale());
    Pointer monitor = monitors.TessMonitorCreate();
    monitors.TessMonitorSetDeadlineMSecs(monitor, MAX_READ_MILLIS);
    monitors.TessMonitorSetCancelFunc(monitor, cancelFunc);
    try {
      if (monitors.TessBaseAPIRecognize(handle, monitor) != 0) {
        return List.of();
      }
      TessResultIterator words = api.TessBaseAPIGetIterator(handle);
      if (words == null) {
        return List.of();
      }
      try {
        return lines(words, image);
      } finally {
        api.TessResultIteratorDelete(words);
      }
    } finally {
      monitors.TessMonitorDelete(monitor);
      api.TessBaseAPIClear(handle);
      // What the adaptive classifier learnt of this read's glyphs. Kept, it grows the native heap
      // read after read (a process reading 250 small images grew 49 MiB, against 26 MiB with it
      // cleared), and makes a read depend on the reads before it.
      api.TessBaseAPIClearAdaptiveClassifier(handle);
      giveBackFreedMemory();
    }
  }

  private List<TextLine> lines(TessResultIterator words, GreyImage image) {
    TessPageIterator page = api.TessResultIteratorGetPageIterator(words);
    List<TextLine> lines = new ArrayList<>();
    List<TextWord> line = new ArrayList<>();
    int block = -1;
    int lineBlock = 0;
    IntBuffer left = IntBuffer.allocate(1);
    IntBuffer top = IntBuffer.allocate(1);
    IntBuffer right = IntBuffer.allocate(1);
    IntBuffer bottom = IntBuffer.allocate(1);
    do {
      if (api.TessPageIteratorIsAtBeginningOf(page, TessPageIteratorLevel.RIL_BLOCK) != 0) {
        block++;
      }
      if (api.TessPageIteratorIsAtBeginningOf(page, TessPageIteratorLevel.RIL_TEXTLINE) != 0
          && !line.isEmpty()) {
        lines.add(new TextLine(lineBlock, line));
        line = new ArrayList<>();
      }
      String text = text(words);
      if (text.isBlank()
          || api.TessPageIteratorBoundingBox(
                  page, TessPageIteratorLevel.RIL_WORD, left, top, right, bottom)
              == 0) {
        continue;
      }
      float confidence = api.TessResultIteratorConfidence(words, TessPageIteratorLevel.RIL_WORD);
      int scale = image.scale();
      Rect box =
          new Rect(
              image.originX() + left.get(0) / scale,
              image.originY() + top.get(0) / scale,
              Math.max(1, (right.get(0) - left.get(0) + scale - 1) / scale),
              Math.max(1, (bottom.get(0) - top.get(0) + scale - 1) / scale));
      lineBlock = Math.max(block, 0);
      line.add(new TextWord(text.strip(), box, Math.clamp(Math.round(confidence), 0, 100)));
    } while (api.TessResultIteratorNext(words, TessPageIteratorLevel.RIL_WORD) != 0);
    if (!line.isEmpty()) {
      lines.add(new TextLine(lineBlock, line));
    }
    return lines;
  }

  private String text(TessResultIterator words) {
    Pointer text = api.TessResultIteratorGetUTF8Text(words, TessPageIteratorLevel.RIL_WORD);
    if (text == null) {
      return "";
    }
    try {
      return text.getString(0, "UTF-8");
    } finally {
      api.TessDeleteText(text);
    }
  }

  @Override
  public void close() {
    api.TessBaseAPIEnd(handle);
    api.TessBaseAPIDelete(handle);
  }
}

package dev.ironcliw.daemon.vault;

import dev.ironcliw.daemon.crypto.DataKey;
import dev.ironcliw.daemon.crypto.Gcm;
import dev.ironcliw.daemon.crypto.KeyRing;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The history's data keys, in {@code <data dir>/history.keys}, each wrapped (AES-GCM) under the
 * master key, which is kept out of the data dir ({@link MasterKeyStore}). One key seals the records
 * of one minute while one application had the focus, so forgetting a span or an application is
 * destroying its keys; one more seals the text index. A new key is written and forced to disk
 * before anything is sealed with it.
 *
 * <pre>
 *   byte[4] "IRHK"   byte version (1)   byte storeNameLength   ascii storeName
 *   int masterKeyId  byte[28] check: the empty message sealed under the master key, the header
 *                    before it as its associated data (a wrong master key fails here)
 *   then per data key: int length   byte[length] sealed under the master key:
 *                      int id   long spanMinute (epoch minutes; -1: the text index)
 *                      short appLength   utf8 app   byte[32] key
 * </pre>
 *
 * Everything but the store's name and the master key's number is encrypted: which minutes and
 * applications have keys is not in clear. Thread-safe.
 */
public final class HistoryKeys implements KeyRing, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HistoryKeys.class);
  private static final byte[] MAGIC = "IRHK".getBytes(StandardCharsets.US_ASCII);
  private static final byte VERSION = 1;
  private static final byte[] ENTRY_AAD = "ironcliw data key".getBytes(StandardCharsets.US_ASCII);
  private static final long INDEX_SPAN = -1;
  private static final int MAX_ENTRY_BYTES = 4096;

  /** What the header says in clear. */
  public record Header(String storeName, int masterKeyId) {}

  private record Span(long minute, String app) {}

  private final Path file;

  /** Guarded by this: replaced by {@link #rewrap}. */
  private SecretKey master;

  private final String storeName;
  private FileChannel channel;
  private final Map<Integer, SecretKey> byId = new ConcurrentHashMap<>();
  private final Map<Span, DataKey> bySpan = new ConcurrentHashMap<>();
  private int nextId = 1;

  private HistoryKeys(Path file, SecretKey master, String storeName, FileChannel channel) {
    this.file = file;
    this.master = master;
    this.storeName = storeName;
    this.channel = channel;
  }

  /** Whether {@code file} exists: a history was encrypted in this data dir. */
  public static boolean exist(Path file) {
    return Files.exists(file);
  }

  /**
   * Starts a new key file sealed under {@code master}, kept in the store named {@code storeName}.
   */
  static HistoryKeys create(Path file, String storeName, MasterKeys.Numbered master) {
    byte[] header = header(storeName, master.id());
    byte[] check = Gcm.seal(master.secret(), header, new byte[0]);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(temporary);
      try (FileChannel out =
          FileChannel.open(
              temporary,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              StandardOpenOption.SYNC)) {
        out.write(ByteBuffer.wrap(header));
        out.write(ByteBuffer.wrap(check));
      }
      Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
    HistoryKeys keys = open(file, master);
    keys.indexKey();
    return keys;
  }

  /** The header of {@code file}. */
  public static Header readHeader(Path file) {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(in.size(), 512));
      in.read(buffer, 0);
      buffer.flip();
      return parseHeader(buffer, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /**
   * Opens {@code file} with {@code master}.
   *
   * @throws WrongKeyException when {@code master} is not the key it was sealed under
   */
  static HistoryKeys open(Path file, MasterKeys.Numbered master) {
    try {
      byte[] all = Files.readAllBytes(file);
      ByteBuffer buffer = ByteBuffer.wrap(all);
      Header header = parseHeader(buffer, file);
      if (header.masterKeyId() != master.id()) {
        throw new WrongKeyException(
            "the data keys are under master key "
                + header.masterKeyId()
                + ", and the store holds key "
                + master.id());
      }
      int headerBytes = buffer.position();
      byte[] check = new byte[Gcm.OVERHEAD_BYTES];
      buffer.get(check);
      try {
        Gcm.open(master.secret(), java.util.Arrays.copyOf(all, headerBytes), check);
      } catch (AEADBadTagException e) {
        throw new WrongKeyException("the master key does not open the data keys");
      }
      FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE);
      HistoryKeys keys = new HistoryKeys(file, master.secret(), header.storeName(), channel);
      long goodEnd = keys.readEntries(buffer);
      if (goodEnd < all.length) {
        LOG.warn(
            "history keys: {} bytes at the end of {} are not a whole key (a write cut short);"
                + " they are dropped",
            all.length - goodEnd,
            file);
        channel.truncate(goodEnd);
      }
      channel.position(goodEnd);
      return keys;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private long readEntries(ByteBuffer buffer) {
    long goodEnd = buffer.position();
    while (buffer.remaining() >= Integer.BYTES) {
      int length = buffer.getInt();
      if (length < Gcm.OVERHEAD_BYTES || length > MAX_ENTRY_BYTES || length > buffer.remaining()) {
        break;
      }
      byte[] sealed = new byte[length];
      buffer.get(sealed);
      ByteBuffer entry;
      try {
        entry = ByteBuffer.wrap(Gcm.open(master, ENTRY_AAD, sealed));
      } catch (AEADBadTagException e) {
        break;
      }
      int id = entry.getInt();
      long minute = entry.getLong();
      byte[] app = new byte[entry.getShort()];
      entry.get(app);
      byte[] key = new byte[32];
      entry.get(key);
      remember(id, minute, new String(app, StandardCharsets.UTF_8), key);
      goodEnd = buffer.position();
    }
    return goodEnd;
  }

  private void remember(int id, long minute, String app, byte[] key) {
    SecretKey secret = new SecretKeySpec(key, "AES");
    byId.put(id, secret);
    bySpan.put(new Span(minute, app), new DataKey(id, secret));
    nextId = Math.max(nextId, id + 1);
  }

  @Override
  public DataKey keyFor(long epochMillis, String app) {
    return keyOf(new Span(Math.floorDiv(epochMillis, 60_000L), app == null ? "" : app));
  }

  @Override
  public SecretKey key(int id) {
    return byId.get(id);
  }

  @Override
  public DataKey indexKey() {
    return keyOf(new Span(INDEX_SPAN, ""));
  }

  /** Data keys held. */
  public int size() {
    return byId.size();
  }

  private DataKey keyOf(Span span) {
    DataKey known = bySpan.get(span);
    return known != null ? known : made(span);
  }

  private synchronized DataKey made(Span span) {
    DataKey known = bySpan.get(span);
    if (known != null) {
      return known;
    }
    int id = nextId;
    byte[] key = Gcm.newKeyBytes();
    DataKey made = new DataKey(id, new SecretKeySpec(key, "AES"));
    byte[] sealed = Gcm.seal(master, ENTRY_AAD, entry(id, span, made));
    try {
      channel.write(ByteBuffer.allocate(Integer.BYTES).putInt(0, sealed.length));
      channel.write(ByteBuffer.wrap(sealed));
      // On disk before a record is sealed with it: a key lost in a crash loses its records.
      channel.force(false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a new data key to " + file, e);
    }
    remember(id, span.minute(), span.app(), key);
    return bySpan.get(span);
  }

  /**
   * Writes the key file again with every data key wrapped under {@code next}, in a new file renamed
   * over the old one; from then on it is opened with {@code next}, and the keys made from now on
   * are wrapped under it. The data keys stay as they are: records are not sealed again.
   */
  synchronized void rewrap(MasterKeys.Numbered next) {
    writeAgain(storeName, next.id(), next.secret());
    master = next.secret();
  }

  /** The number of the master key the key file is wrapped under, from its header. */
  synchronized int masterKeyId() {
    return headerMasterId();
  }

  @Override
  public int count(Long fromMillis, Long toMillis, String app) {
    return doomed(fromMillis, toMillis, app).size();
  }

  /**
   * {@inheritDoc} The key file is written again without them and renamed over the old one. (The old
   * file's blocks may hold them, wrapped under the master key, until the file system reuses them.)
   */
  @Override
  public synchronized int destroy(Long fromMillis, Long toMillis, String app) {
    List<Span> doomed = doomed(fromMillis, toMillis, app);
    if (doomed.isEmpty()) {
      return 0;
    }
    for (Span span : doomed) {
      DataKey key = bySpan.remove(span);
      byId.remove(key.id());
    }
    writeAgain(storeName, headerMasterId(), master);
    return doomed.size();
  }

  private List<Span> doomed(Long fromMillis, Long toMillis, String app) {
    long fromMinute = fromMillis == null ? Long.MIN_VALUE : Math.floorDiv(fromMillis, 60_000L);
    long toMinute = toMillis == null ? Long.MAX_VALUE : Math.floorDiv(toMillis, 60_000L);
    return bySpan.keySet().stream()
        .filter(s -> s.minute() != INDEX_SPAN)
        .filter(s -> s.minute() >= fromMinute && s.minute() <= toMinute)
        .filter(s -> app == null || s.app().equalsIgnoreCase(app))
        .toList();
  }

  private int headerMasterId() {
    return readHeader(file).masterKeyId();
  }

  /** Writes every key held into a new file, renamed over the old one; appends go on there. */
  private void writeAgain(String store, int masterId, SecretKey wrapping) {
    byte[] header = header(store, masterId);
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.deleteIfExists(temporary);
      FileChannel out =
          FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
      try {
        out.write(ByteBuffer.wrap(header));
        out.write(ByteBuffer.wrap(Gcm.seal(wrapping, header, new byte[0])));
        for (Map.Entry<Span, DataKey> e : bySpan.entrySet()) {
          byte[] sealed =
              Gcm.seal(wrapping, ENTRY_AAD, entry(e.getValue().id(), e.getKey(), e.getValue()));
          out.write(ByteBuffer.allocate(Integer.BYTES).putInt(0, sealed.length));
          out.write(ByteBuffer.wrap(sealed));
        }
        out.force(true);
      } catch (IOException e) {
        out.close();
        throw e;
      }
      Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      channel.close();
      channel = out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + " again", e);
    }
  }

  private static byte[] entry(int id, Span span, DataKey key) {
    byte[] app = span.app().getBytes(StandardCharsets.UTF_8);
    byte[] secret = key.key().getEncoded();
    return ByteBuffer.allocate(
            Integer.BYTES + Long.BYTES + Short.BYTES + app.length + secret.length)
        .putInt(id)
        .putLong(span.minute())
        .putShort((short) app.length)
        .put(app)
        .put(secret)
        .array();
  }

  private static byte[] header(String storeName, int masterKeyId) {
    byte[] name = storeName.getBytes(StandardCharsets.US_ASCII);
    return ByteBuffer.allocate(MAGIC.length + 2 + name.length + Integer.BYTES)
        .put(MAGIC)
        .put(VERSION)
        .put((byte) name.length)
        .put(name)
        .putInt(masterKeyId)
        .array();
  }

  private static Header parseHeader(ByteBuffer buffer, Path file) {
    byte[] magic = new byte[MAGIC.length];
    if (buffer.remaining() < MAGIC.length + 2) {
      throw new WrongKeyException(file + " is not a key file of Ironcliw (too short)");
    }
    buffer.get(magic);
    if (!java.util.Arrays.equals(magic, MAGIC) || buffer.get() != VERSION) {
      throw new WrongKeyException(file + " is not a key file of this version of Ironcliw");
    }
    byte[] name = new byte[buffer.get()];
    if (buffer.remaining() < name.length + Integer.BYTES + Gcm.OVERHEAD_BYTES) {
      throw new WrongKeyException(file + " is cut short in its header");
    }
    buffer.get(name);
    return new Header(new String(name, StandardCharsets.US_ASCII), buffer.getInt());
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("history keys: closing {}: {}", file, e.toString());
    }
  }
}

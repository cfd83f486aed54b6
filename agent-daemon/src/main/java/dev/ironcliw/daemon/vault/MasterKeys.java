package dev.ironcliw.daemon.vault;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a key store holds: the current master key, and while a rotation is under way the one before
 * it, each with its number. As text: {@code ID:BASE64[,ID:BASE64]}, the current one first. A master
 * key only wraps the data keys ({@link HistoryKeys}); rotating it rewraps them.
 */
record MasterKeys(List<Numbered> keys) {
  /** A master key and its number. */
  record Numbered(int id, byte[] key) {
    SecretKey secret() {
      return new SecretKeySpec(key, "AES");
    }
  }

  MasterKeys {
    keys = List.copyOf(keys);
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("no master key");
    }
  }

  static MasterKeys of(Numbered current) {
    return new MasterKeys(List.of(current));
  }

  Numbered current() {
    return keys.getFirst();
  }

  /** The key numbered {@code id}; null when this holds none. */
  Numbered numbered(int id) {
    return keys.stream().filter(k -> k.id() == id).findFirst().orElse(null);
  }

  /** {@code next} as the current key, this one's current kept after it until the rotation ends. */
  MasterKeys rotatingTo(Numbered next) {
    return new MasterKeys(List.of(next, current()));
  }

  String text() {
    List<String> parts = new ArrayList<>();
    for (Numbered k : keys) {
      parts.add(k.id() + ":" + Base64.getEncoder().encodeToString(k.key()));
    }
    return String.join(",", parts);
  }

  /**
   * @throws IllegalArgumentException when {@code text} is not what {@link #text} writes
   */
  static MasterKeys parse(String text) {
    List<Numbered> keys = new ArrayList<>();
    for (String part : text.strip().split(",")) {
      int colon = part.indexOf(':');
      if (colon <= 0) {
        throw new IllegalArgumentException("not ID:BASE64");
      }
      byte[] key = Base64.getDecoder().decode(part.substring(colon + 1));
      if (key.length != 32) {
        throw new IllegalArgumentException("a key of " + key.length + " bytes, not 32");
      }
      keys.add(new Numbered(Integer.parseInt(part.substring(0, colon)), key));
    }
    return new MasterKeys(keys);
  }
}

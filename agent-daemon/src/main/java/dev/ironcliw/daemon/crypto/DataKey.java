package dev.ironcliw.daemon.crypto;

import javax.crypto.SecretKey;

/**
 * One of the history's data keys: what seals the records of one minute and one application, so that
 * forgetting them is destroying it.
 *
 * @param id its number, written in clear before each record it seals
 * @param key the AES-256 key
 */
public record DataKey(int id, SecretKey key) {}

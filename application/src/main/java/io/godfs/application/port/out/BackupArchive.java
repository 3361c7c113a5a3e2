package io.godfs.application.port.out;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;

/**
 * Where backups are kept (ADR 0027): a set of immutable chunks shared by every backup in it, and
 * one manifest per complete backup. Implementations write each chunk and manifest atomically
 * (durable under a temporary name, then renamed), so an interrupted backup leaves nothing that
 * looks complete.
 */
public interface BackupArchive {
  /**
   * The chunks stored and listed by a complete backup, by name, with their SHA-256 (lower-case
   * hex); only those whose stored size is the length in their name. These need not be copied again.
   */
  Map<String, String> storedChunks() throws IOException;

  /**
   * Stores exactly {@code length} bytes of {@code bytes} as chunk {@code name}, durably, replacing
   * a partial or unlisted one of that name; answers their SHA-256 (lower-case hex).
   *
   * @throws IOException when {@code bytes} ends early or cannot be stored
   */
  String storeChunk(String name, InputStream bytes, long length) throws IOException;

  /** Reads chunk {@code name}; the caller checks it against the SHA-256 its manifest records. */
  InputStream openChunk(String name) throws IOException;

  /** Whether chunk {@code name} is stored, {@code length} bytes long. */
  boolean hasChunk(String name, long length) throws IOException;

  /** Records a complete backup: called last, after every chunk it lists is stored. */
  void storeManifest(BackupManifest manifest) throws IOException;

  /** The complete backups' names, oldest first. */
  List<String> backups() throws IOException;

  /**
   * The manifest of backup {@code name}.
   *
   * @throws IOException naming the backup when it is missing or unreadable
   */
  BackupManifest manifest(String name) throws IOException;

  /**
   * A source tag (16 lower-case hex digits, {@link BackupManifest#SOURCE}) none of this archive's
   * backups uses, for the chunks of a cluster incarnation it has not seen: random, as goDFS
   * clusters carry no id of their own.
   */
  String newSource() throws IOException;

  /** Where the archive is, for messages (a local directory's path). */
  String describe();
}

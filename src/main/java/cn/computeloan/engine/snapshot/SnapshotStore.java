package cn.computeloan.engine.snapshot;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import javax.sql.DataSource;

/**
 * Snapshots in the application's database: table {@code engine_snapshot} (one row per snapshot)
 * and {@code engine_snapshot_chunk} (its compressed bytes in chunks of {@value #CHUNK} bytes, so
 * neither side ever holds one huge value). Also deletes what a newer snapshot made unnecessary.
 */
public final class SnapshotStore {

  static final int CHUNK = 1 << 20;
  private static final int DELETE_BATCH = 50_000;

  /** A stored snapshot: the journal position it covers, when it was taken, its size and checksum. */
  public record Info(long position, long takenAt, int format, long sizeBytes, int chunks, String checksum) {}

  /** Writes a snapshot's content to the stream it is given. */
  public interface Content {
    void writeTo(OutputStream out) throws IOException;
  }

  /** Reads a snapshot's content from the stream it is given. */
  public interface Reader<T> {
    T readFrom(InputStream in) throws IOException;
  }

  private final DataSource dataSource;

  public SnapshotStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Stores a snapshot in one transaction; returns what was stored. */
  public Info write(long position, long takenAt, int format, Content content) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO engine_snapshot_chunk (position, seq, data) VALUES (?, ?, ?)")) {
        deleteAt(connection, position); // a damaged snapshot of the same position is replaced
        MessageDigest digest = sha256();
        ChunkOutput chunks = new ChunkOutput(insert, position);
        try (OutputStream out = new DigestOutputStream(chunks, digest)) {
          content.writeTo(out);
        }
        Info info = new Info(position, takenAt, format, chunks.size, chunks.seq, HexFormat.of().formatHex(digest.digest()));
        try (PreparedStatement header = connection.prepareStatement("INSERT INTO engine_snapshot "
            + "(position, taken_at, format, size_bytes, chunks, checksum) VALUES (?, ?, ?, ?, ?, ?)")) {
          header.setLong(1, info.position());
          header.setLong(2, info.takenAt());
          header.setInt(3, info.format());
          header.setLong(4, info.sizeBytes());
          header.setInt(5, info.chunks());
          header.setString(6, info.checksum());
          header.executeUpdate();
        }
        connection.commit();
        return info;
      } catch (SQLException | IOException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException | IOException e) {
      throw new SnapshotException("Could not store the engine snapshot at position " + position, e);
    }
  }

  private static void deleteAt(Connection connection, long position) throws SQLException {
    for (String table : new String[] {"engine_snapshot", "engine_snapshot_chunk"}) {
      try (PreparedStatement delete = connection.prepareStatement("DELETE FROM " + table + " WHERE position = ?")) {
        delete.setLong(1, position);
        delete.executeUpdate();
      }
    }
  }

  /** Every stored snapshot, newest first. */
  public List<Info> list() {
    List<Info> result = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT position, taken_at, format, size_bytes, chunks, checksum FROM engine_snapshot ORDER BY position DESC");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        result.add(new Info(rows.getLong(1), rows.getLong(2), rows.getInt(3), rows.getLong(4), rows.getInt(5),
            rows.getString(6)));
      }
    } catch (SQLException e) {
      throw new SnapshotException("Could not list the engine snapshots", e);
    }
    return result;
  }

  /**
   * Streams a snapshot's content to the reader, then checks that every chunk was there and that
   * the bytes match the checksum.
   *
   * @throws SnapshotException when the snapshot is incomplete, damaged or unreadable
   */
  public <T> T read(Info info, Reader<T> reader) {
    try (Connection connection = dataSource.getConnection()) {
      boolean autoCommit = connection.getAutoCommit();
      connection.setAutoCommit(false); // PostgreSQL streams rows with a fetch size only in a transaction
      try (PreparedStatement select = connection.prepareStatement(
          "SELECT seq, data FROM engine_snapshot_chunk WHERE position = ? ORDER BY seq")) {
        select.setLong(1, info.position());
        select.setFetchSize(2);
        try (ResultSet rows = select.executeQuery()) {
          ChunkInput chunks = new ChunkInput(rows);
          MessageDigest digest = sha256();
          DigestInputStream in = new DigestInputStream(chunks, digest);
          T result = reader.readFrom(in);
          in.transferTo(OutputStream.nullOutputStream());
          String checksum = HexFormat.of().formatHex(digest.digest());
          if (chunks.seq != info.chunks() || chunks.size != info.sizeBytes() || !checksum.equals(info.checksum())) {
            throw new SnapshotException("The engine snapshot at position " + info.position() + " is damaged: "
                + chunks.seq + " of " + info.chunks() + " chunks, " + chunks.size + " of " + info.sizeBytes()
                + " bytes, checksum " + (checksum.equals(info.checksum()) ? "matches" : "does not match"), null);
          }
          return result;
        }
      } finally {
        connection.rollback();
        connection.setAutoCommit(autoCommit);
      }
    } catch (SQLException | IOException e) {
      throw new SnapshotException("Could not read the engine snapshot at position " + info.position() + ": " + e, e);
    }
  }

  /** Deletes the snapshots older than {@code position}. */
  public void deleteOlderThan(long position) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement header = connection.prepareStatement("DELETE FROM engine_snapshot WHERE position < ?");
          PreparedStatement chunks = connection.prepareStatement("DELETE FROM engine_snapshot_chunk WHERE position < ?")) {
        header.setLong(1, position);
        header.executeUpdate();
        chunks.setLong(1, position);
        chunks.executeUpdate();
        connection.commit();
      } catch (SQLException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new SnapshotException("Could not delete engine snapshots before position " + position, e);
    }
  }

  /**
   * Deletes the journal entries up to {@code position}, in batches so that no transaction grows
   * large; returns how many were deleted.
   */
  public long deleteJournalUpTo(long position) {
    long deleted = 0;
    try (Connection connection = dataSource.getConnection()) {
      long from;
      try (PreparedStatement min = connection.prepareStatement("SELECT MIN(position) FROM engine_journal");
          ResultSet rows = min.executeQuery()) {
        rows.next();
        from = rows.getLong(1);
        if (rows.wasNull()) {
          return 0;
        }
      }
      try (PreparedStatement delete = connection.prepareStatement(
          "DELETE FROM engine_journal WHERE position >= ? AND position < ? AND position <= ?")) {
        for (long start = from; start <= position; start += DELETE_BATCH) {
          delete.setLong(1, start);
          delete.setLong(2, start + DELETE_BATCH);
          delete.setLong(3, position);
          deleted += delete.executeUpdate();
        }
      }
    } catch (SQLException e) {
      throw new SnapshotException("Could not delete journal entries up to position " + position, e);
    }
    return deleted;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Inserts every full chunk as it fills, and the last one at close. */
  private static final class ChunkOutput extends OutputStream {
    private final PreparedStatement insert;
    private final long position;
    private final byte[] buffer = new byte[CHUNK];
    private int used;
    int seq;
    long size;

    ChunkOutput(PreparedStatement insert, long position) {
      this.insert = insert;
      this.position = position;
    }

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
      while (length > 0) {
        int n = Math.min(length, CHUNK - used);
        System.arraycopy(bytes, offset, buffer, used, n);
        used += n;
        offset += n;
        length -= n;
        if (used == CHUNK) {
          flushChunk();
        }
      }
    }

    @Override
    public void close() throws IOException {
      if (used > 0 || seq == 0) {
        flushChunk();
      }
    }

    private void flushChunk() throws IOException {
      try {
        insert.setLong(1, position);
        insert.setInt(2, seq);
        insert.setBytes(3, java.util.Arrays.copyOf(buffer, used));
        insert.executeUpdate();
      } catch (SQLException e) {
        throw new IOException(e);
      }
      seq++;
      size += used;
      used = 0;
    }
  }

  /** The chunks of one snapshot, in order, as one stream; counts chunks and bytes. */
  private static final class ChunkInput extends InputStream {
    private final ResultSet rows;
    private InputStream current = InputStream.nullInputStream();
    private boolean done;
    int seq;
    long size;

    ChunkInput(ResultSet rows) {
      this.rows = rows;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
      while (true) {
        int n = current.read(bytes, offset, length);
        if (n >= 0) {
          size += n;
          return n;
        }
        if (done || !nextChunk()) {
          done = true;
          return -1;
        }
      }
    }

    private boolean nextChunk() throws IOException {
      try {
        if (!rows.next()) {
          return false;
        }
        if (rows.getInt(1) != seq) {
          throw new IOException("chunk " + seq + " is missing");
        }
        seq++;
        current = new ByteArrayInputStream(rows.getBytes(2));
        return true;
      } catch (SQLException e) {
        throw new IOException(e);
      }
    }
  }
}

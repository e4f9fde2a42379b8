package gov.petition.engine;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One account's group or tenant ids per engine, read again once they are older than the time to live.
 * Concurrent requests that find the entry stale may each read it: a few extra queries, never a wait.
 */
final class MembershipCache {
  private record Entry(List<String> ids, long readAtNanos) {}

  private final long ttlNanos;
  private final Map<String, Entry> byEngine = new ConcurrentHashMap<>();

  MembershipCache(Duration ttl) {
    this.ttlNanos = ttl.toNanos();
  }

  List<String> get(String engineName, Supplier<List<String>> read) {
    Entry entry = byEngine.get(engineName);
    long now = System.nanoTime();
    if (entry == null || now - entry.readAtNanos() > ttlNanos) {
      entry = new Entry(List.copyOf(read.get()), now);
      byEngine.put(engineName, entry);
    }
    return entry.ids();
  }
}

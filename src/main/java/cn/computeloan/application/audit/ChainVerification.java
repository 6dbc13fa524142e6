package cn.computeloan.application.audit;

/**
 * The result of recomputing an application's audit chain.
 *
 * @param intact whether every event hashes correctly, links to its predecessor, and the chain ends
 *     at the head recorded with the application
 * @param events events checked
 * @param firstBadSeq sequence number of the first event that fails (null if intact)
 * @param firstBadEventId row id of that event (null if intact or if the event is missing)
 * @param reason why it fails (null if intact)
 */
public record ChainVerification(
    String applicationId, boolean intact, int events, String headHash, Integer firstBadSeq,
    Long firstBadEventId, String reason) {}

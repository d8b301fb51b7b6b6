package dev.itk.stub;

/**
 * How much of the record the stub keeps, and what it dropped to stay within its bounds ({@code
 * docs/stub.md#the-record}).
 *
 * <pre>{@code
 * RecordCounts c = stub.recordCounts(); // e.g. kept 10000, dropped 2500, total 12500
 * }</pre>
 *
 * @param kept the records kept now
 * @param keptBytes about how many bytes of memory they hold
 * @param dropped the oldest records dropped because the record was full (not those cleared)
 * @param droppedBytes about how many bytes those held
 * @param total every request recorded since the stub was built
 */
public record RecordCounts(
    long kept, long keptBytes, long dropped, long droppedBytes, long total) {}

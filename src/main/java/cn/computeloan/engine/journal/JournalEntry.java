package cn.computeloan.engine.journal;

import cn.computeloan.engine.api.EngineCommand;

/**
 * One journalled command.
 *
 * @param position strictly increasing, gap-free from 1
 * @param time the engine-clock time (epoch milliseconds) at which the command was processed; replay
 *     processes it at this time again
 */
public record JournalEntry(long position, long time, EngineCommand command) {}

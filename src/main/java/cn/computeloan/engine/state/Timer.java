package cn.computeloan.engine.state;

import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ExecutableProcess;

/**
 * A scheduled timer: a timer catch/boundary event or event sub-process start owned by {@code
 * owner}, or a timer start event of a process ({@code owner} null).
 *
 * @param repetitions remaining repetitions of a cycle, -1 for infinite, 1 for a one-shot timer
 * @param interval the cycle's ISO-8601 interval, null for date and duration timers
 * @param cron the cycle's cron expression, null unless a cron cycle
 */
public record Timer(
    long key,
    ElementInstance owner,
    ExecutableProcess process,
    ExecutableElement target,
    long dueDate,
    int repetitions,
    String interval,
    String cron) {}

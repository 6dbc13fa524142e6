package cn.computeloan.credit.warning;

import cn.computeloan.credit.model.WarningLevel;

/**
 * One early-warning signal.
 *
 * @param signal code, e.g. {@code ORDERS_FALL}, {@code CORE_TEAM_TURNOVER}, {@code COVENANT_DSCR}
 * @param severity WATCH or WARNING
 * @param reasonZh reason in Chinese
 * @param reasonEn reason in English
 */
public record WarningSignal(String signal, WarningLevel severity, String reasonZh, String reasonEn) {}

package cn.computeloan.application.store;

import cn.computeloan.process.ApplicationStatus;
import java.time.Instant;

/**
 * Filters of the application search; null means "any".
 *
 * @param applicant part of the applicant's name, or the exact unified social credit code
 * @param submittedFrom inclusive
 * @param submittedTo exclusive
 */
public record SearchCriteria(
    ApplicationStatus status, String product, String tier, String applicant, Instant submittedFrom,
    Instant submittedTo) {}

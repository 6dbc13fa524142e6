package cn.computeloan.engine.api;

import cn.computeloan.engine.record.DecisionEvaluationValue;

/** Answer to a standalone decision evaluation: the evaluation record and its key. */
public record DecisionResult(long decisionInstanceKey, DecisionEvaluationValue evaluation) {}

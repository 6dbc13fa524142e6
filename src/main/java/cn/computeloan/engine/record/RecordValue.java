package cn.computeloan.engine.record;

/** Marker for the typed value of a {@link Record}. */
public sealed interface RecordValue
    permits ProcessInstanceValue,
        JobValue,
        VariableValue,
        IncidentValue,
        TimerValue,
        MessageValue,
        MessageSubscriptionValue,
        UserTaskValue,
        DecisionEvaluationValue,
        ResourceValue,
        ClockValue,
        SignalValue {}

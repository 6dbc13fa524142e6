package cn.computeloan.engine.record;

/** Zeebe's record types: a command asks for a change, an event states that it happened. */
public enum RecordType {
  COMMAND,
  EVENT,
  COMMAND_REJECTION
}

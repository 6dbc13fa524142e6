package cn.computeloan.engine.state;

import cn.computeloan.engine.model.ExecutableElement;
import cn.computeloan.engine.model.ExecutableFlow;
import java.util.List;

/**
 * The working state an element's processor keeps on its instance between steps. Sealed, so the
 * snapshot can store and restore every kind without knowing the processors.
 */
public sealed interface ProcessorState {

  /** Dispatch over the kinds: a new kind is a compile error in every visitor until handled. */
  <R> R accept(Visitor<R> visitor);

  interface Visitor<R> {
    R chosenFlows(ChosenFlows flows);

    R loop(Loop loop);

    R startAt(StartAt start);
  }

  /** A fork gateway's outgoing flows, chosen on activation and taken on completion. */
  record ChosenFlows(List<ExecutableFlow> flows) implements ProcessorState {
    public ChosenFlows {
      flows = List.copyOf(flows);
    }

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.chosenFlows(this);
    }
  }

  /** A multi-instance body's input collection and the index of the next item to start. */
  record Loop(List<Object> items, int next) implements ProcessorState {

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.loop(this);
    }

    public boolean hasNext() {
      return next < items.size();
    }

    /** The loop after its next item started. */
    public Loop advanced() {
      return new Loop(items, next + 1);
    }
  }

  /** Start instructions of a process instance: the elements to activate first. */
  record StartAt(List<ExecutableElement> elements) implements ProcessorState {

    @Override
    public <R> R accept(Visitor<R> visitor) {
      return visitor.startAt(this);
    }
  }
}

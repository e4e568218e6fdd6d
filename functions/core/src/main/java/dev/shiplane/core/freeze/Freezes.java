package dev.shiplane.core.freeze;

import java.util.Optional;

/** Ad-hoc freezes of environments, one per environment, set and lifted by operators. */
public interface Freezes {

    /** The freeze set on {@code env}, if any, whether or not it has ended (callers compare {@code until}). */
    Optional<Freeze> of(String env);

    /** Sets or replaces the freeze of its environment. */
    void put(Freeze freeze);

    /** Lifts the freeze of {@code env}; nothing happens when there is none. */
    void lift(String env);

    /** No ad-hoc freezes: calendar windows only. */
    Freezes NONE = new Freezes() {
        public Optional<Freeze> of(String env) { return Optional.empty(); }
        public void put(Freeze freeze) { throw new UnsupportedOperationException("no freeze store"); }
        public void lift(String env) { }
    };
}

package dev.chat.domain;

/** A ban or mute imposed or lifted, as the hub applies it and as it travels to the other nodes of a cluster. */
public sealed interface SanctionChange {

    String userId();

    Sanction.Kind kind();

    record Imposed(Sanction sanction) implements SanctionChange {

        @Override
        public String userId() {
            return sanction.userId();
        }

        @Override
        public Sanction.Kind kind() {
            return sanction.kind();
        }
    }

    record Lifted(String userId, Sanction.Kind kind) implements SanctionChange {}
}

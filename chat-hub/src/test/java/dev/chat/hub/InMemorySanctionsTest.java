package dev.chat.hub;

import dev.chat.domain.port.needed.Sanctions;
import dev.chat.domain.port.needed.SanctionsContract;

/** The default store of bans and mutes does what every store does. */
class InMemorySanctionsTest extends SanctionsContract {

    @Override
    protected Sanctions newSanctions() {
        return new InMemorySanctions();
    }
}

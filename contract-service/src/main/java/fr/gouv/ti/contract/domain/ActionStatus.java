package fr.gouv.ti.contract.domain;

import java.util.List;

/** IDENTIFIED → READY → ENGAGED → COMPLETED, or ABANDONED from any status before COMPLETED. */
public enum ActionStatus {
    IDENTIFIED, READY, ENGAGED, COMPLETED, ABANDONED;

    public List<ActionStatus> allowedNext() {
        return switch (this) {
            case IDENTIFIED -> List.of(READY, ABANDONED);
            case READY -> List.of(ENGAGED, ABANDONED);
            case ENGAGED -> List.of(COMPLETED, ABANDONED);
            case COMPLETED, ABANDONED -> List.of();
        };
    }
}

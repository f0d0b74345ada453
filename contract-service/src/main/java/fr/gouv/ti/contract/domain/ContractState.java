package fr.gouv.ti.contract.domain;

import java.util.List;

/** PREPARATION → PROTOCOL_SIGNED → CONTRACT_SIGNED → AMENDED (0..n) → CLOSED, and ABANDONED from any open state. */
public enum ContractState {
    PREPARATION, PROTOCOL_SIGNED, CONTRACT_SIGNED, AMENDED, CLOSED, ABANDONED;

    /** The states a contract in this state may move to. */
    public List<ContractState> allowedNext() {
        return switch (this) {
            case PREPARATION -> List.of(PROTOCOL_SIGNED, ABANDONED);
            case PROTOCOL_SIGNED -> List.of(CONTRACT_SIGNED, ABANDONED);
            case CONTRACT_SIGNED, AMENDED -> List.of(AMENDED, CLOSED, ABANDONED);
            case CLOSED, ABANDONED -> List.of();
        };
    }

    public boolean isOpen() {
        return this != CLOSED && this != ABANDONED;
    }
}

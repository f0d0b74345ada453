package fr.gouv.ti.contract.domain;

/** What happened to a contract, and the state it leads to. */
public enum TransitionKind {
    PROTOCOL_SIGNATURE(ContractState.PROTOCOL_SIGNED, "contract.protocol-signed"),
    CONTRACT_SIGNATURE(ContractState.CONTRACT_SIGNED, "contract.signed"),
    AMENDMENT(ContractState.AMENDED, "contract.amended"),
    CLOSURE(ContractState.CLOSED, "contract.closed"),
    ABANDONMENT(ContractState.ABANDONED, "contract.abandoned");

    public final ContractState target;
    public final String eventName;

    TransitionKind(ContractState target, String eventName) {
        this.target = target;
        this.eventName = eventName;
    }

    /** Signatures and amendments need the territory's EPCIs and its region among the signatories. */
    public boolean needsSignatories() {
        return this == PROTOCOL_SIGNATURE || this == CONTRACT_SIGNATURE || this == AMENDMENT;
    }
}

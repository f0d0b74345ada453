package fr.gouv.ti.funding.domain;

public enum TransactionKind {
    SOURCE_SET, LINE_FUNDED, ALLOCATED, COMMITTED, DISBURSED, CANCELLED, REVERSAL
}

package io.kycvault.casefile.model;

/** A case's audit chain at one moment: its length (the last record's sequence) and head hash. */
public record ChainHead(long sequence, String head) {
}

package io.kycvault.casefile.model;

/**
 * A capability's typed attributes of the case item, derived from a {@link CaseEvent} and written by the
 * kernel's mapper ({@link io.kycvault.casefile.infrastructure.CaseItems.Advance#part}) in the change's own
 * conditional update. A capability adds its attributes through a part, not through another capability's
 * adapter.
 */
public sealed interface CasePart permits RetentionPolicy.RetentionClock {
}

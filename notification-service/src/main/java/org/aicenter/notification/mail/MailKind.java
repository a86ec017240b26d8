package org.aicenter.notification.mail;

/** Why a participant is written to. */
public enum MailKind {
    ENROLLED, PROMOTED, CANCELLED, CERTIFIED
}

package org.aicenter.notification.mail;

/** PENDING until sent; FAILED after the last try. */
public enum MailStatus {
    PENDING, SENT, FAILED
}

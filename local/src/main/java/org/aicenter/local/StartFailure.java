package org.aicenter.local;

/** The stack could not be started; the message says what to do about it. */
public final class StartFailure extends Exception {

    StartFailure(String message) {
        super(message);
    }

    StartFailure(String message, Throwable cause) {
        super(message, cause);
    }
}

package org.parley.server.account;

/** A username or password that cannot be used; the message says why, for the user. */
public final class InvalidAccountException extends Exception {
    public InvalidAccountException(String message) {
        super(message);
    }
}

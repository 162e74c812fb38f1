package org.village.devstack;

/** Something that stops the stack from starting, told in one sentence a person can act on. */
public class StackFailure extends RuntimeException {

    public StackFailure(String message) {
        super(message);
    }
}

package io.ballast.acl;

import io.ballast.core.config.SourceLocation;

/**
 * A wrong ACL, condition, sample expression or template. The message names the offending word in HAProxy's words
 * where HAProxy has a message, e.g. {@code unknown fetch method 'pth_beg' in ACL expression 'pth_beg'. Did you mean
 * 'path_beg'?}. It does not include the location: see {@link #location()}.
 */
public final class AclException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient SourceLocation location;

    /**
     * @param message  what is wrong, naming the offending word
     * @param location where it was written, or {@code null}
     */
    public AclException(String message, SourceLocation location) {
        super(message);
        this.location = location;
    }

    /** Where the offending line was written, or {@code null} when unknown. */
    public SourceLocation location() {
        return location;
    }
}

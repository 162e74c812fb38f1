package org.village.security;

/** What a user does in Village; carried without prefix in the token's {@code roles} claim. */
public enum Role {
    OFFICER,
    ADVOCATE,
    SUPERVISOR,
    SHELTER_STAFF,
    ADMIN
}

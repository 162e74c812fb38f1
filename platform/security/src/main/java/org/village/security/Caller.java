package org.village.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.Set;
import org.springframework.security.oauth2.jwt.Jwt;

/**
 * Who is calling: the user name ({@code sub}), their roles and their organisation ({@code org}). Every
 * access rule in Village is written against this one type.
 */
public record Caller(String userId, Set<Role> roles, String org) {

    public Caller {
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("userId is required");
        }
        if (org == null || org.isBlank()) {
            throw new IllegalArgumentException("org is required");
        }
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    public static Caller of(String userId, String org, Role... roles) {
        return new Caller(userId, Set.of(roles), org);
    }

    /** The caller a validated token names. Unknown role names are ignored. */
    public static Caller from(Jwt jwt) {
        Collection<String> names = jwt.getClaimAsStringList(TokenRules.ROLES_CLAIM);
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : names == null ? Set.<String>of() : names) {
            for (Role role : Role.values()) {
                if (role.name().equals(name)) {
                    roles.add(role);
                }
            }
        }
        return new Caller(jwt.getSubject(), roles, jwt.getClaimAsString(TokenRules.ORG_CLAIM));
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    public boolean hasAny(Role... candidates) {
        for (Role role : candidates) {
            if (has(role)) {
                return true;
            }
        }
        return false;
    }
}

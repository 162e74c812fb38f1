package org.village.notification.domain;

import java.util.List;
import org.jspecify.annotations.Nullable;

/** Who works where, as far as routing needs it: supervisors of an organisation, staff of a shelter. */
public interface Directory {

    /** The supervisors of an agency (or any organisation); empty when none are known. */
    List<String> supervisorsOf(@Nullable String org);

    /** The staff of a shelter; empty when none are known. */
    List<String> staffOf(String shelterId);
}

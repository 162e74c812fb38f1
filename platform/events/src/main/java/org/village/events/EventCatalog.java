package org.village.events;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type Village publishes: the one place that ties a type name to its topic, record and schema. */
public final class EventCatalog {

    public static final EventType<IntakeSubmitted> INTAKE_SUBMITTED =
            new EventType<>("village.intake.submitted.v1", Topics.INTAKE_EVENTS, IntakeSubmitted.class);
    public static final EventType<IntakePersonalDataErased> INTAKE_PERSONAL_DATA_ERASED =
            new EventType<>("village.intake.personal-data-erased.v1", Topics.INTAKE_EVENTS,
                    IntakePersonalDataErased.class);
    public static final EventType<CaseOpened> CASE_OPENED =
            new EventType<>("village.case.opened.v1", Topics.CASE_EVENTS, CaseOpened.class);
    public static final EventType<AdvocateAssigned> ADVOCATE_ASSIGNED =
            new EventType<>("village.case.advocate-assigned.v1", Topics.CASE_EVENTS, AdvocateAssigned.class);
    public static final EventType<TaskScheduled> TASK_SCHEDULED =
            new EventType<>("village.case.task-scheduled.v1", Topics.CASE_EVENTS, TaskScheduled.class);

    private static final List<EventType<?>> ALL =
            List.of(INTAKE_SUBMITTED, INTAKE_PERSONAL_DATA_ERASED, CASE_OPENED, ADVOCATE_ASSIGNED, TASK_SCHEDULED);

    private static final Map<String, EventType<?>> BY_NAME =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private static final Map<Class<?>, EventType<?>> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::dataClass, Function.identity()));

    private EventCatalog() {
    }

    public static List<EventType<?>> all() {
        return ALL;
    }

    /** The type with this CloudEvents {@code type} attribute, if Village knows it. */
    public static Optional<EventType<?>> byName(String type) {
        return Optional.ofNullable(BY_NAME.get(type));
    }

    /** The type whose data is this record. */
    @SuppressWarnings("unchecked")
    public static <T extends VillageEvent> EventType<T> of(T event) {
        EventType<?> type = BY_CLASS.get(event.getClass());
        if (type == null) {
            throw new IllegalArgumentException("No event type is registered for " + event.getClass().getName());
        }
        return (EventType<T>) type;
    }
}

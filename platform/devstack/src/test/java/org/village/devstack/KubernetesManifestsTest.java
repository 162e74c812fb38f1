package org.village.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeProjection;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The Kubernetes manifests (deploy/kubernetes: a Kustomize base, a local and a production overlay) cannot be
 * applied here, so this test renders each overlay and holds every object to the Kubernetes API's object model
 * (fabric8's: a field it does not know, or of the wrong type, fails) and to the compose form, which
 * {@link ComposeFileTest} holds to the apps' configuration: the same apps, images, ports, environment, secrets
 * and configuration files. Kustomize is applied by the small renderer below (the features the manifests use:
 * resources, namespace, patches, images, replicas); where kubectl is installed its own rendering must be the same.
 */
class KubernetesManifestsTest {

    private static final Path KUBERNETES = StackConfig.findRepository().resolve("deploy/kubernetes");
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "PersistentVolume", "ClusterRole");
    private static final Set<String> SERVICES =
            Set.of("intake-service", "case-service", "referral-service", "notification-service", "reporting-service");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Map<String, Object>> compose = composeServices();

    @Test
    void everyObjectOfEitherOverlayIsValidForTheKubernetesApi() throws Exception {
        for (String overlay : List.of("local", "production")) {
            List<Map<String, Object>> objects = render(KUBERNETES.resolve("overlays/" + overlay));
            assertThat(objects).as(overlay).isNotEmpty();
            for (Map<String, Object> object : objects) {
                HasMetadata typed = typed(object);
                List<String> unknown = new ArrayList<>();
                unknownFields(typed, typed.getKind() + "/" + typed.getMetadata().getName(), unknown);
                assertThat(unknown)
                        .as("fields the Kubernetes API does not know, in " + overlay)
                        .isEmpty();
            }
            assertThat(objects)
                    .as("secrets are referenced, never written in the manifests")
                    .noneMatch(object -> "Secret".equals(object.get("kind")));
            Path kubectl = onPath("kubectl");
            if (kubectl != null) {
                // a second opinion on the rendering, where kubectl is installed
                assertThat(sorted(kubectl(kubectl, overlay))).as(overlay).isEqualTo(sorted(objects));
            }
        }
    }

    private static List<Map<String, Object>> kubectl(Path kubectl, String overlay) throws Exception {
        Process process = new ProcessBuilder(
                        kubectl.toString(),
                        "kustomize",
                        KUBERNETES.resolve("overlays/" + overlay).toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as("kubectl kustomize " + overlay).isZero();
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object document : new Yaml().loadAll(output)) {
            objects.add(map(document));
        }
        return objects;
    }

    @Test
    void everyAppOfTheComposeFormRunsAsInComposeWithProbesLimitsAndNoRoot() throws Exception {
        for (String overlay : List.of("local", "production")) {
            List<HasMetadata> objects = typedObjects(overlay);
            Map<String, Deployment> deployments = byName(objects, Deployment.class);
            Map<String, Service> services = byName(objects, Service.class);
            Map<String, ConfigMap> configMaps = byName(objects, ConfigMap.class);
            Set<String> apps = compose.entrySet().stream()
                    .filter(entry -> entry.getValue().containsKey("build"))
                    .map(Map.Entry::getKey)
                    .collect(Collectors.toSet());
            assertThat(deployments.keySet()).as(overlay).containsExactlyInAnyOrderElementsOf(apps);

            for (String app : apps) {
                Map<String, Object> composed = compose.get(app);
                Deployment deployment = deployments.get(app);
                PodSpec pod = deployment.getSpec().getTemplate().getSpec();
                assertThat(pod.getContainers()).hasSize(1);
                Container container = pod.getContainers().get(0);
                String as = overlay + "/" + app;

                String composeImage = String.valueOf(composed.get("image"));
                String repository = composeImage.substring(0, composeImage.indexOf(':'));
                assertThat(container.getImage()).as(as).matches("(.+/)?" + repository + ":0\\.1\\.0");

                Map<String, Object> environment = map(composed.get("environment"));
                String port = String.valueOf(environment.get("SERVER_PORT"));
                assertThat(container.getPorts()).as(as).hasSize(1);
                assertThat(String.valueOf(container.getPorts().get(0).getContainerPort()))
                        .as(as)
                        .isEqualTo(port);
                assertThat(container.getEnv().stream().map(EnvVar::getName))
                        .as(as + " reads what compose gives it")
                        .containsExactlyInAnyOrderElementsOf(environment.keySet());
                for (EnvVar variable : container.getEnv()) {
                    if (variable.getValueFrom() != null) {
                        var reference = variable.getValueFrom().getConfigMapKeyRef();
                        assertThat(configMaps).as(as).containsKey(reference.getName());
                        assertThat(configMaps.get(reference.getName()).getData())
                                .as(as + " " + variable.getName())
                                .containsKey(reference.getKey());
                    } else {
                        assertThat(variable.getValue())
                                .as(as)
                                .isEqualTo(String.valueOf(environment.get(variable.getName())));
                    }
                }

                assertThat(container.getReadinessProbe()).as(as + " readiness").isNotNull();
                assertThat(container.getLivenessProbe()).as(as + " liveness").isNotNull();
                assertThat(container.getStartupProbe()).as(as + " startup").isNotNull();
                if (container.getReadinessProbe().getHttpGet() != null) {
                    assertThat(container.getReadinessProbe().getHttpGet().getPath())
                            .isEqualTo("/actuator/health/readiness");
                    assertThat(container.getLivenessProbe().getHttpGet().getPath())
                            .isEqualTo("/actuator/health/liveness");
                }
                for (String resource : List.of("cpu", "memory")) {
                    assertThat(container.getResources().getRequests()).as(as).containsKey(resource);
                    assertThat(container.getResources().getLimits()).as(as).containsKey(resource);
                }
                assertThat(container.getResources().getLimits().get("memory").toString())
                        .as(as + ": compose's memory limit")
                        .isEqualTo(String.valueOf(composed.getOrDefault("mem_limit", "768m"))
                                .replace("m", "Mi"));
                assertThat(pod.getSecurityContext().getRunAsNonRoot()).as(as).isTrue();
                assertThat(pod.getSecurityContext().getRunAsUser()).as(as).isEqualTo(10001L);
                assertThat(container.getSecurityContext().getAllowPrivilegeEscalation())
                        .as(as)
                        .isFalse();

                Volume secrets = volume(pod, "secrets");
                assertThat(secrets.getProjected().getSources().stream()
                                .map(VolumeProjection::getSecret)
                                .map(secret -> secret.getName()))
                        .as(as + " reads its own secret and the CA")
                        .containsExactly("village-" + app, "village-ca");
                assertThat(container.getVolumeMounts()).anySatisfy(mount -> {
                    assertThat(mount.getName()).isEqualTo("secrets");
                    assertThat(mount.getMountPath()).isEqualTo("/run/secrets");
                    assertThat(mount.getReadOnly()).isTrue();
                });
                boolean organisations = String.valueOf(composed.get("configs")).contains("/config/organisations.yml");
                assertThat(container.getVolumeMounts().stream()
                                .anyMatch(m -> m.getMountPath().equals("/config")))
                        .as(as + " reads the organisations as in compose")
                        .isEqualTo(organisations);
                if (organisations) {
                    String name = volume(pod, "organisations").getConfigMap().getName();
                    assertThat(configMaps.get(name).getData()).as(as).containsKey("organisations.yml");
                }

                Service service = services.get(app);
                assertThat(service)
                        .as(as + " has a Service named as compose names it")
                        .isNotNull();
                assertThat(service.getSpec().getSelector())
                        .isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
                assertThat(String.valueOf(service.getSpec().getPorts().get(0).getPort()))
                        .isEqualTo(port);
            }
            for (String external : List.of("kafka", "mongo")) {
                Service endpoint = services.get(external);
                assertThat(endpoint.getSpec().getType()).isEqualTo("ExternalName");
                assertThat(endpoint.getSpec().getExternalName())
                        .as(overlay + " names where " + external + " is")
                        .doesNotEndWith(".invalid");
            }
            String namespace = overlay.equals("production") ? "village" : "village-local";
            assertThat(byName(objects, Namespace.class)).containsOnlyKeys(namespace);
            objects.stream()
                    .filter(object -> !CLUSTER_SCOPED.contains(object.getKind()))
                    .forEach(object -> assertThat(object.getMetadata().getNamespace())
                            .as(object.getKind() + "/" + object.getMetadata().getName())
                            .isEqualTo(namespace));
            assertThat(byName(objects, PersistentVolumeClaim.class)).containsOnlyKeys("identity-data");
        }
    }

    @Test
    void inProductionEveryServiceRunsSeveralTimesAndADrainTakesOneAtATime() throws Exception {
        List<HasMetadata> objects = typedObjects("production");
        Map<String, Deployment> deployments = byName(objects, Deployment.class);
        Map<String, PodDisruptionBudget> budgets = byName(objects, PodDisruptionBudget.class);
        Set<String> several = new HashSet<>(SERVICES);
        several.add("gateway");
        for (String app : several) {
            assertThat(deployments.get(app).getSpec().getReplicas()).as(app).isGreaterThanOrEqualTo(2);
            PodDisruptionBudget budget = budgets.get(app);
            assertThat(budget).as(app + "'s disruption budget").isNotNull();
            assertThat(budget.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(deployments.get(app).getSpec().getSelector().getMatchLabels());
            assertThat(budget.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
        }
        assertThat(deployments.get("identity").getSpec().getReplicas())
                .as("identity's signing key lives on one volume")
                .isEqualTo(1);
        assertThat(deployments.get("identity").getSpec().getStrategy().getType())
                .isEqualTo("Recreate");
        for (String app : List.of("intake-service", "gateway")) {
            assertThat(deployments
                            .get(app)
                            .getSpec()
                            .getTemplate()
                            .getSpec()
                            .getContainers()
                            .get(0)
                            .getImage())
                    .startsWith("registry.village.example/village/");
        }
    }

    // ---- rendering (the part of Kustomize the manifests use) ----

    static List<Map<String, Object>> render(Path directory) throws IOException {
        Map<String, Object> kustomization =
                yaml(directory.resolve("kustomization.yaml")).get(0);
        List<Map<String, Object>> objects = new ArrayList<>();
        for (Object resource : list(kustomization.get("resources"))) {
            Path path = directory.resolve(String.valueOf(resource)).normalize();
            objects.addAll(Files.isDirectory(path) ? render(path) : yaml(path));
        }
        for (Object patch : list(kustomization.get("patches"))) {
            for (Map<String, Object> change :
                    yaml(directory.resolve(String.valueOf(map(patch).get("path"))))) {
                Map<String, Object> target = objects.stream()
                        .filter(object -> Objects.equals(object.get("kind"), change.get("kind"))
                                && Objects.equals(name(object), name(change)))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("a patch for nothing: " + change));
                merge(target, change);
            }
        }
        Object namespace = kustomization.get("namespace");
        if (namespace != null) {
            objects.stream()
                    .filter(object -> !CLUSTER_SCOPED.contains(String.valueOf(object.get("kind"))))
                    .forEach(object -> map(object.get("metadata")).put("namespace", namespace));
        }
        for (Object image : list(kustomization.get("images"))) {
            Map<String, Object> rule = map(image);
            for (Map<String, Object> container : containers(objects)) {
                String[] current = String.valueOf(container.get("image")).split(":", 2);
                if (current[0].equals(rule.get("name"))) {
                    container.put(
                            "image",
                            rule.getOrDefault("newName", current[0]) + ":" + rule.getOrDefault("newTag", current[1]));
                }
            }
        }
        for (Object replicas : list(kustomization.get("replicas"))) {
            Map<String, Object> rule = map(replicas);
            objects.stream()
                    .filter(object -> "Deployment".equals(object.get("kind"))
                            && rule.get("name").equals(name(object)))
                    .forEach(object -> map(object.get("spec")).put("replicas", rule.get("count")));
        }
        return objects;
    }

    private static void merge(Map<String, Object> target, Map<String, Object> change) {
        change.forEach((key, value) -> {
            if (value instanceof Map<?, ?> && target.get(key) instanceof Map<?, ?>) {
                merge(map(target.get(key)), map(value));
            } else {
                target.put(key, value);
            }
        });
    }

    private static List<Map<String, Object>> containers(List<Map<String, Object>> objects) {
        List<Map<String, Object>> containers = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            if ("Deployment".equals(object.get("kind"))) {
                Map<String, Object> pod =
                        map(map(map(object.get("spec")).get("template")).get("spec"));
                list(pod.get("containers")).forEach(container -> containers.add(map(container)));
            }
        }
        return containers;
    }

    private static String name(Map<String, Object> object) {
        return String.valueOf(map(object.get("metadata")).get("name"));
    }

    private static List<Map<String, Object>> sorted(List<Map<String, Object>> objects) {
        return objects.stream()
                .sorted(Comparator.comparing((Map<String, Object> object) -> String.valueOf(object.get("kind")))
                        .thenComparing(KubernetesManifestsTest::name))
                .toList();
    }

    // ---- the Kubernetes API's model ----

    private static List<HasMetadata> typedObjects(String overlay) throws IOException {
        List<HasMetadata> typed = new ArrayList<>();
        for (Map<String, Object> object : render(KUBERNETES.resolve("overlays/" + overlay))) {
            typed.add(typed(object));
        }
        return typed;
    }

    private static HasMetadata typed(Map<String, Object> object) {
        Class<? extends HasMetadata> type =
                switch (String.valueOf(object.get("apiVersion")) + " " + object.get("kind")) {
                    case "apps/v1 Deployment" -> Deployment.class;
                    case "v1 Service" -> Service.class;
                    case "v1 ConfigMap" -> ConfigMap.class;
                    case "v1 Namespace" -> Namespace.class;
                    case "v1 PersistentVolumeClaim" -> PersistentVolumeClaim.class;
                    case "policy/v1 PodDisruptionBudget" -> PodDisruptionBudget.class;
                    default ->
                        throw new AssertionError("an object of a kind this test does not know: "
                                + object.get("apiVersion") + " " + object.get("kind"));
                };
        return JSON.convertValue(object, type);
    }

    /** Collects every field the model kept aside as unknown (fabric8 keeps them in additionalProperties). */
    private static void unknownFields(Object value, String path, List<String> unknown)
            throws IllegalAccessException, InvocationTargetException {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                unknownFields(item, path + "[" + index++ + "]", unknown);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                unknownFields(entry.getValue(), path + "." + entry.getKey(), unknown);
            }
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                Map<?, ?> extra = (Map<?, ?>) getter.invoke(value);
                if (extra != null) {
                    extra.keySet().forEach(key -> unknown.add(path + "." + key));
                }
            } else if (getter.getName().startsWith("get") && !getter.getName().equals("getClass")) {
                unknownFields(
                        getter.invoke(value), path + "." + getter.getName().substring(3), unknown);
            }
        }
    }

    private static <T extends HasMetadata> Map<String, T> byName(List<HasMetadata> objects, Class<T> type) {
        Map<String, T> named = new LinkedHashMap<>();
        objects.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .forEach(o -> named.put(o.getMetadata().getName(), o));
        return named;
    }

    private static Volume volume(PodSpec pod, String name) {
        return pod.getVolumes().stream()
                .filter(volume -> volume.getName().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no volume " + name));
    }

    // ---- files ----

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> composeServices() {
        try {
            return (Map<String, Map<String, Object>>)
                    (Object) map(yaml(StackConfig.findRepository().resolve("docker-compose.yml"))
                            .get(0)
                            .get("services"));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static List<Map<String, Object>> yaml(Path file) throws IOException {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file)) {
            for (Object document : new Yaml().loadAll(reader)) {
                if (document != null) {
                    documents.add(map(document));
                }
            }
        }
        return documents;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> list ? list : List.of();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    private static @Nullable Path onPath(String program) {
        return java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(java.io.File.pathSeparator))
                .splitAsStream(System.getenv().getOrDefault("PATH", ""))
                .map(directory -> Path.of(directory, program))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
    }
}

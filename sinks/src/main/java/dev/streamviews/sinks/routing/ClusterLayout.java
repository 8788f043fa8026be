package dev.streamviews.sinks.routing;

import dev.streamviews.query.v1.Instance;
import dev.streamviews.query.v1.MetadataReply;
import dev.streamviews.query.v1.StorePartitions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot of which processor instance holds which partition of which store, taken from Kafka
 * Streams metadata. Immutable: a refresh replaces it whole.
 */
public final class ClusterLayout {
  public static final ClusterLayout EMPTY = new ClusterLayout(0, "", 0, Map.of(), Set.of());

  private final int version;
  private final String applicationId;
  private final int buildingVersion;
  private final Map<String, Map<Integer, Owners>> ownersByStore;
  private final Set<Endpoint> endpoints;

  private ClusterLayout(int version, String applicationId, int buildingVersion, Map<String, Map<Integer, Owners>> ownersByStore,
      Set<Endpoint> endpoints) {
    this.version = version;
    this.applicationId = applicationId;
    this.buildingVersion = buildingVersion;
    this.ownersByStore = ownersByStore;
    this.endpoints = endpoints;
  }

  /** The version of the views this layout is of: queries name it, so every copy asked is of the same version. */
  public int version() {
    return version;
  }

  /** The Kafka Streams application id of that version. */
  public String applicationId() {
    return applicationId;
  }

  /** The version being built beside it, 0 if none. */
  public int buildingVersion() {
    return buildingVersion;
  }

  /** The layout from one instance's metadata, with the standby lags every answering instance reported. */
  public static ClusterLayout of(MetadataReply metadata, List<MetadataReply> lagReports) {
    Map<String, Map<Integer, Map<Endpoint, Long>>> lags = new HashMap<>();
    for (MetadataReply report : lagReports) {
      Endpoint reporter = Endpoint.parse(report.getAnsweredBy());
      report.getLagsList().forEach(lag -> lags.computeIfAbsent(lag.getStore(), s -> new HashMap<>())
          .computeIfAbsent(lag.getPartition(), p -> new HashMap<>()).put(reporter, lag.getOffsetLag()));
    }
    return of(metadata, lags);
  }

  public static ClusterLayout of(MetadataReply metadata) {
    return of(metadata, Map.of());
  }

  private static ClusterLayout of(MetadataReply metadata, Map<String, Map<Integer, Map<Endpoint, Long>>> lags) {
    Map<String, Map<Integer, Endpoint>> active = new HashMap<>();
    Map<String, Map<Integer, List<Endpoint>>> standby = new HashMap<>();
    Set<Endpoint> endpoints = new LinkedHashSet<>();
    for (Instance instance : metadata.getInstancesList()) {
      Endpoint endpoint = new Endpoint(instance.getHost(), instance.getPort());
      endpoints.add(endpoint);
      for (StorePartitions store : instance.getStoresList()) {
        store.getActiveList().forEach(p -> active.computeIfAbsent(store.getStore(), s -> new HashMap<>()).put(p, endpoint));
        store.getStandbyList().forEach(p -> standby.computeIfAbsent(store.getStore(), s -> new HashMap<>())
            .computeIfAbsent(p, q -> new ArrayList<>()).add(endpoint));
      }
    }
    Map<String, Map<Integer, Owners>> owners = new HashMap<>();
    Set<String> stores = new LinkedHashSet<>(active.keySet());
    stores.addAll(standby.keySet());
    for (String store : stores) {
      Map<Integer, Owners> byPartition = new HashMap<>();
      Set<Integer> partitions = new LinkedHashSet<>(active.getOrDefault(store, Map.of()).keySet());
      partitions.addAll(standby.getOrDefault(store, Map.of()).keySet());
      for (int partition : partitions) {
        byPartition.put(partition, new Owners(Optional.ofNullable(active.getOrDefault(store, Map.of()).get(partition)),
            List.copyOf(standby.getOrDefault(store, Map.of()).getOrDefault(partition, List.of())),
            Map.copyOf(lags.getOrDefault(store, Map.of()).getOrDefault(partition, Map.of()))));
      }
      owners.put(store, Map.copyOf(byPartition));
    }
    return new ClusterLayout(metadata.getVersion(), metadata.getApplicationId(), metadata.getBuildingVersion(), Map.copyOf(owners),
        Set.copyOf(endpoints));
  }

  public Owners owners(String store, int partition) {
    return ownersByStore.getOrDefault(store, Map.of()).getOrDefault(partition, Owners.NONE);
  }

  /** Every instance the metadata names: the only addresses queries may go to. */
  public Set<Endpoint> endpoints() {
    return endpoints;
  }

  /** The partitions of the store, out of {@code partitions}, that no copy the predicate accepts holds. */
  public List<Integer> partitionsWithout(String store, int partitions, java.util.function.Predicate<Endpoint> usable) {
    List<Integer> orphans = new ArrayList<>();
    for (int partition = 0; partition < partitions; partition++) {
      if (owners(store, partition).inOrderOfFreshness().stream().noneMatch(usable)) {
        orphans.add(partition);
      }
    }
    return orphans;
  }
}

package dev.chat.domain;

/**
 * What one node of a cluster last told the others of itself, from which any node answers for the whole cluster.
 *
 * @param node      the node's name in the cluster
 * @param stats     its hub's counts
 * @param analytics what its dashboard would show of it alone
 */
public record NodeReport(String node, HubStats stats, Analytics analytics) {}

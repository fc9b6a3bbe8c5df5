/**
 * {@code encours refresh}: the regular run after a new export, in one Spark application. It ingests
 * the export, then brings aging, the KPI series, scores and recommendations up to date as of one
 * date with the champion model ({@link org.encours.refresh.RefreshJob}); {@code --inbox} refreshes
 * each ready export folder of an inbox oldest first ({@link org.encours.refresh.InboxRefresh},
 * {@link org.encours.refresh.ExportInbox}).
 */
package org.encours.refresh;

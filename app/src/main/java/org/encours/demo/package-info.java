/**
 * {@code encours demo}: the whole pipeline, stage by stage, on the committed sample and the
 * embedded default (Spark local[*], ./var/warehouse). It lives at the top of the job chain because
 * it calls every stage.
 */
package org.encours.demo;

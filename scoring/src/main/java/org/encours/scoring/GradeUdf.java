package org.encours.scoring;

import org.apache.spark.sql.api.java.UDF1;
import org.encours.core.policy.GradeBands;

/** The grade of a probability on the executors ({@link GradeBands#defaults()}). */
final class GradeUdf implements UDF1<Double, String> {
  @Override
  public String call(Double probability) {
    return probability == null ? null : GradeBands.defaults().gradeFor(probability);
  }
}

#!/bin/bash
# Where a run's Spark task time went, by kind of work, from a JFR recording.
#
#   bash bench/jfr_categories.sh RECORDING.jfr
#
# Record with ENCOURS_JAVA_OPTS="... -XX:StartFlightRecording=filename=RECORDING.jfr,settings=profile".
# Each execution sample taken in a Spark task thread (its stack holds Executor$TaskRunner) counts
# once, for the deepest frame that matches a category below (so "sort" inside a shuffle write is a
# sort). The shares compare like task CPU time: the samples are taken at a fixed period per thread.
set -euo pipefail
[ $# -eq 1 ] || { sed -n 2,9p "$0" | sed 's/^# \{0,1\}//'; exit 2; }
jfr print --stack-depth 64 --events jdk.ExecutionSample "$1" | awk '
function classify(b,   n, a, i) {
  n = split(b, a, "\n")
  for (i = 1; i <= n; i++) {
    l = a[i]
    if (l ~ /HashedRelation\.get|HashedRelation.*getValue/) return "broadcast hash join probe"
    if (l ~ /ColumnWriter|ParquetOutputWriter|CodecFactory|Compressor|Snappy|ParquetFileWriter/) return "parquet write"
    if (l ~ /VectorizedParquetRecordReader|VectorizedColumnReader|ParquetVectorUpdater|VectorizedRleValuesReader|VectorizedPlainValuesReader|Decompressor|ParquetFileReader/) return "parquet read"
    if (l ~ /UnsafeExternalSorter|UnsafeInMemorySorter|UnsafeExternalRowSorter|TimSort|RadixSort/) return "sort"
    if (l ~ /ShuffleWriter|UnsafeRowSerializer|ShuffleBlockFetcher|DiskBlockObjectWriter|ShuffleExternalSorter|ShuffledRowRDD|BlockStoreShuffleReader/) return "shuffle"
    if (l ~ /UnsafeFixedWidthAggregationMap|TungstenAggregation|hashAgg_|SortBasedAggregat|ObjectAggregation/) return "aggregate"
    if (l ~ /org\.apache\.spark\.ml\./) return "spark ml"
    if (l ~ /org\.encours\./) return "encours code"
    if (l ~ /DefaultCachedBatch|InMemoryRelation|ColumnBuilder|CompressibleColumn/) return "in-memory cache"
    if (l ~ /org\.apache\.spark\.sql\.delta\./) return "delta"
    if (l ~ /ScalaUDF|ExpressionEncoder/) return "udf and encoders"
  }
  return "other (generated code, projections, filters, joins)"
}
/^jdk.ExecutionSample/ { if (b ~ /Executor\$TaskRunner/) { t++; c[classify(b)]++ } else if (b != "") o++; b = ""; next }
{ b = b "\n" $0 }
END { printf "%d task samples, %d other samples\n", t, o; for (k in c) printf "%6d %5.1f%%  %s\n", c[k], 100*c[k]/t, k }' | sort -rn

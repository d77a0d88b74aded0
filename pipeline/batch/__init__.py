"""Batch runs: many inputs analysed (and compared) by worker processes, local or on a Dask
cluster, into one corpus store. Orchestration only: the store (pipeline/store/) holds the data,
the stages do the work. `runner.run_batch` is the coordinator; `worker.process` the unit of work."""

"""Running a folder of articles: the local batch engine and the Dask engine."""

"""Fields owned by an engine (the listener, the flow engine, the approval
engine, the rating page): writable only by their owner, never over RPC."""

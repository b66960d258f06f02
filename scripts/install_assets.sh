#!/usr/bin/env bash
# Placeholder until the offline map assets land.
exit 0

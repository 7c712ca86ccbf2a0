package io.llmtwin.training.dataset;

import io.llmtwin.model.prompt.InstructionSample;
import java.util.List;

/**
 * A dataset version loaded for training.
 *
 * @param version its version id
 * @param train training samples
 * @param test held-out samples
 */
public record Dataset(
    String version, List<InstructionSample> train, List<InstructionSample> test) {}

/** Llama-family decoder, LoRA/QLoRA fine-tuning and PEFT-compatible exports on DJL/PyTorch. */
package io.llmtwin.llm;

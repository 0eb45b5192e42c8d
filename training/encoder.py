"""Export all-MiniLM-L6-v2 (+ optional emotion head) to ONNX and quantize it to int8.

The graph takes `input_ids` and `attention_mask` (int64, shape `(batch, tokens)`) and returns
`embeddings` (mean pooling over real tokens, L2-normalised, as sentence-transformers does) and, when a head
is given, `emotion_probs` (sigmoid of the head's logits).
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import torch
from torch import nn

from training.common import MAX_TOKENS, base_model_dir

OPSET = 17


def load_base(attn: str = "eager") -> Any:
    """Load the pinned MiniLM weights as a transformers BertModel (eval mode)."""
    from transformers import AutoModel

    model = AutoModel.from_pretrained(str(base_model_dir()), attn_implementation=attn)
    model.eval()
    return model


def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Average the hidden states of real (unpadded) tokens."""
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)


class EncoderGraph(nn.Module):
    """What goes into the ONNX file: MiniLM, pooling, normalisation, and the emotion head."""

    def __init__(self, bert: Any, head: nn.Module | None = None) -> None:
        super().__init__()
        self.bert = bert
        self.head = head

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> tuple[torch.Tensor, ...]:
        out = self.bert(
            input_ids=input_ids,
            attention_mask=attention_mask,
            token_type_ids=torch.zeros_like(input_ids),
        )
        pooled = mean_pool(out.last_hidden_state, attention_mask)
        emb = pooled / pooled.norm(dim=-1, keepdim=True).clamp(min=1e-12)
        if self.head is None:
            return (emb,)
        probs = torch.sigmoid(self.head(out.last_hidden_state, attention_mask))
        return emb, probs


def export_onnx(graph: EncoderGraph, path: Path) -> None:
    """Trace `graph` to an ONNX file with dynamic batch and token axes (TorchScript exporter)."""
    graph.eval()
    ids = torch.tensor([[101, 7592, 2088, 2003, 1037, 3231, 102], [101, 7592, 102, 0, 0, 0, 0]])
    mask = (ids != 0).long()
    outputs = ["embeddings"] + (["emotion_probs"] if graph.head is not None else [])
    axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}}
    axes.update({name: {0: "batch"} for name in outputs})
    path.parent.mkdir(parents=True, exist_ok=True)
    with torch.no_grad():
        torch.onnx.export(
            graph,
            (ids, mask),
            str(path),
            input_names=["input_ids", "attention_mask"],
            output_names=outputs,
            dynamic_axes=axes,
            opset_version=OPSET,
            do_constant_folding=True,
            dynamo=False,
        )


def quantize_int8(src: Path, dst: Path, exclude: list[str] | None = None) -> None:
    """Dynamic int8 quantization of the MatMul weights (activations stay float, quantized per batch)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    dst.parent.mkdir(parents=True, exist_ok=True)
    quantize_dynamic(
        model_input=str(src),
        model_output=str(dst),
        weight_type=QuantType.QInt8,
        per_channel=True,
        op_types_to_quantize=["MatMul", "Gemm", "Gather"],
        nodes_to_exclude=exclude or [],
    )


def write_tokenizer(dst: Path) -> None:
    """Copy tokenizer.json, switching its padding from a fixed 128 to the batch's longest text."""
    data = json.loads((base_model_dir() / "tokenizer.json").read_text(encoding="utf-8"))
    data["truncation"] = {
        "direction": "Right",
        "max_length": MAX_TOKENS,
        "strategy": "LongestFirst",
        "stride": 0,
    }
    data["padding"] = {
        "strategy": "BatchLongest",
        "direction": "Right",
        "pad_to_multiple_of": None,
        "pad_id": 0,
        "pad_type_id": 0,
        "pad_token": "[PAD]",
    }
    dst.parent.mkdir(parents=True, exist_ok=True)
    dst.write_text(json.dumps(data, ensure_ascii=False, sort_keys=True), encoding="utf-8")


def copy_file(src: Path, dst: Path) -> None:
    """Copy bytes (not metadata) so the output's hash depends only on the content."""
    dst.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(src, dst)

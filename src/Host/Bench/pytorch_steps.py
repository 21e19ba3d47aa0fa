"""The PyTorch side of `losssearch bench compare`: the trainer's step, written plainly in PyTorch.

Same networks (ResNet9V2, WRN-16-4), batch, input size, optimizer and thread count as our side; each
step as our trainer does it: uint8 batch gathered from the split, scaled to [0, 1], one-hot targets,
forward, softmax, the compiled cross-entropy -(y * ln(|yhat| + 1e-7)) summed over classes and averaged
over the batch, zero_grad, backward, optimizer step, correct count left on the device. Times each step in wall and process CPU seconds. Prints one JSON
document on stdout. `--packed K` instead times K ResNet9V2s packed into one network by grouped
convolutions, per model, against one model alone (the packed-population measurement).
"""
import argparse
import json
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class DownBlock(nn.Module):
    def __init__(self, cin, cout, groups=1):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin * groups, eps=1e-3, momentum=0.1)
        self.conv1 = nn.Conv2d(cin * groups, cout * groups, 3, stride=2, padding=1, groups=groups)
        self.bn2 = nn.BatchNorm2d(cout * groups, eps=1e-3, momentum=0.1)
        self.conv2 = nn.Conv2d(cout * groups, cout * groups, 3, padding=1, groups=groups)
        self.bn3 = nn.BatchNorm2d(cout * groups, eps=1e-3, momentum=0.1)
        self.conv3 = nn.Conv2d(cout * groups, cout * groups, 3, padding=1, groups=groups)
        self.projection = nn.Conv2d(cin * groups, cout * groups, 1, stride=2, groups=groups)

    def forward(self, x):
        y = self.conv1(F.silu(self.bn1(x)))
        y = self.conv2(F.silu(self.bn2(y)))
        y = self.conv3(F.silu(self.bn3(y)))
        return y.add_(self.projection(x))


class ResNet9V2(nn.Module):
    """groups > 1: that many independent ResNet9V2s side by side (grouped convolutions, grouped 1x1 head)."""

    def __init__(self, classes, channels=3, groups=1):
        super().__init__()
        self.groups, self.classes = groups, classes
        self.stem = nn.Conv2d(channels * groups, 8 * groups, 3, padding=1, groups=groups)
        self.block1 = DownBlock(8, 16, groups)
        self.block2 = DownBlock(16, 32, groups)
        self.fc = nn.Conv2d(32 * groups, classes * groups, 1, groups=groups)

    def forward(self, x):
        if self.groups > 1:
            x = x.repeat(1, self.groups, 1, 1)
        x = self.block2(self.block1(self.stem(x)))
        x = F.adaptive_avg_pool2d(x, 1)
        x = F.dropout(x, 0.5, self.training)
        return self.fc(x).flatten(1).view(x.shape[0], self.groups, self.classes).transpose(0, 1).reshape(-1, self.classes)


class PreActivationBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.bn1 = nn.BatchNorm2d(cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, stride=stride, padding=1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1, bias=False)
        self.shortcut = nn.Conv2d(cin, cout, 1, stride=stride, bias=False) if cin != cout or stride != 1 else None

    def forward(self, x):
        activated = F.relu(self.bn1(x))
        residual = x if self.shortcut is None else self.shortcut(activated)
        y = self.conv1(activated)
        y = self.conv2(F.relu(self.bn2(y)))
        return y.add_(residual)


class WideResNet(nn.Module):
    def __init__(self, depth, width, classes, channels=3):
        super().__init__()
        n = (depth - 4) // 6
        widths = [16, 16 * width, 32 * width, 64 * width]
        self.conv1 = nn.Conv2d(channels, 16, 3, padding=1, bias=False)
        blocks = []
        for g in range(3):
            for b in range(n):
                blocks.append(PreActivationBlock(widths[g] if b == 0 else widths[g + 1], widths[g + 1], 2 if b == 0 and g > 0 else 1))
        self.groups = nn.Sequential(*blocks)
        self.bn = nn.BatchNorm2d(widths[3])
        self.fc = nn.Linear(widths[3], classes)

    def forward(self, x):
        x = F.relu(self.bn(self.groups(self.conv1(x))))
        return self.fc(F.adaptive_avg_pool2d(x, 1).flatten(1))


def model_for(name, classes, groups=1):
    if name == "resnet9v2":
        return ResNet9V2(classes, groups=groups)
    if name.startswith("wrn-"):
        _, depth, width = name.split("-")
        return WideResNet(int(depth), int(width), classes)
    raise SystemExit(f"unknown model {name}")


def optimizer_for(name, parameters, lr):
    if name == "adam":
        return torch.optim.Adam(parameters, lr=lr)
    if name == "sgd":
        return torch.optim.SGD(parameters, lr=lr, momentum=0.9, nesterov=True, weight_decay=5e-4)
    raise SystemExit(f"unknown optimizer {name}")


def step_seconds(model, optimizer, images, labels, batch, steps, warmup, classes, copies=1):
    generator = torch.Generator().manual_seed(1)
    times, cpu_times = [], []
    correct = torch.zeros((), dtype=torch.long)
    for step in range(warmup + steps):
        start, cpu_start = time.perf_counter(), time.process_time()
        index = torch.randint(images.shape[0], (batch,), generator=generator)
        x = images.index_select(0, index).float().div_(255)
        y = F.one_hot(labels.index_select(0, index), classes).float()
        logits = model(x)
        yhat = F.softmax(logits, 1)
        targets = y.repeat(copies, 1)
        loss = -(targets * (yhat.abs() + 1e-7).log()).sum(1).mean() * copies
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        correct += logits.argmax(1).eq(targets.argmax(1)).sum()
        if step >= warmup:
            times.append(time.perf_counter() - start)
            cpu_times.append(time.process_time() - cpu_start)
    return times, cpu_times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--batch", type=int, required=True)
    parser.add_argument("--optimizer", required=True)
    parser.add_argument("--lr", type=float, required=True)
    parser.add_argument("--size", type=int, default=32)
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--threads", type=int, required=True)
    parser.add_argument("--packed", type=int, default=0)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(4)
    classes = 10
    images = torch.randint(0, 256, (2048, 3, args.size, args.size), dtype=torch.uint8)
    labels = torch.randint(0, classes, (2048,))
    document = {"torch": torch.__version__, "threads": torch.get_num_threads(), "model": args.model, "batch": args.batch}
    if args.packed > 1:
        single = model_for("resnet9v2", classes)
        one, _ = step_seconds(single, optimizer_for(args.optimizer, single.parameters(), args.lr), images, labels, args.batch, args.steps, args.warmup, classes)
        packed = model_for("resnet9v2", classes, groups=args.packed)
        many, _ = step_seconds(packed, optimizer_for(args.optimizer, packed.parameters(), args.lr), images, labels, args.batch, args.steps, args.warmup, classes, copies=args.packed)
        document.update(packed=args.packed, singleStepSeconds=sorted(one)[len(one) // 2], packedStepSeconds=sorted(many)[len(many) // 2])
        document["speedupPerModel"] = document["singleStepSeconds"] * args.packed / document["packedStepSeconds"]
    else:
        model = model_for(args.model, classes)
        times, cpu_times = step_seconds(model, optimizer_for(args.optimizer, model.parameters(), args.lr), images, labels, args.batch, args.steps, args.warmup, classes)
        document.update(stepSeconds=times, meanStepSeconds=sum(times) / len(times), meanStepCpuSeconds=sum(cpu_times) / len(cpu_times))
    print(json.dumps(document))


if __name__ == "__main__":
    main()
